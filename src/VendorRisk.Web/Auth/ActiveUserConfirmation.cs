using Microsoft.AspNetCore.Identity;
using VendorRisk.Infrastructure.Identity;

namespace VendorRisk.Web.Auth;

/// <summary>
/// Identity asks this before every sign-in (RequireConfirmedAccount): only an active account with
/// a confirmed e-mail address may sign in.
/// </summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<ApplicationUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.IsActive && user.EmailConfirmed);
    }
}
