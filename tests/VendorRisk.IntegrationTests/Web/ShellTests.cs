using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;

namespace VendorRisk.IntegrationTests.Web;

[Collection(SharedApps.Name)]
public sealed class ShellTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page(DatabaseProvider provider)
    {
        using var client = apps[provider].CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_hospital_user_signs_in_and_sees_the_hospital_home(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var ciso = await app.CreateUserAsync(hospital, OrganisationRole.Ciso);
        using var client = app.CreateBrowserLikeClient();

        await client.SignInAsync(ciso);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains($"Vendor risk at {hospital.Name}", home, StringComparison.Ordinal);
        Assert.Contains("as CISO", home, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_user_signs_in_and_sees_the_vendor_home(DatabaseProvider provider)
    {
        var app = apps[provider];
        var vendor = await app.CreateOrganisationAsync(OrganisationKind.Vendor);
        var contact = await app.CreateUserAsync(vendor, OrganisationRole.VendorAdmin);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(contact);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Contains($"Assessments for {vendor.Name}", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Vendor risk at", home, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_wrong_password_is_refused_with_a_clear_message(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(hospital, OrganisationRole.Dpo);
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(user.Email, "not-the-password");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or the password is incorrect.", html, StringComparison.Ordinal);
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(hospital, OrganisationRole.Auditor);
        using var client = app.CreateBrowserLikeClient();

        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostLoginAsync(user.Email, $"wrong-password-{i}");
        }

        using var response = await client.PostLoginAsync(user.Email, user.Password);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is locked", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter your e-mail address.")]
    [InlineData("not-an-email", "Enter a valid e-mail address.")]
    public async Task Malformed_login_input_is_answered_field_by_field(string email, string message)
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(email, string.Empty);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_login_field_is_refused_without_querying_anything()
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(new string('a', 5000) + "@x.example", new string('p', 5000));
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This field is too long.", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Signing_out_ends_the_session(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(hospital, OrganisationRole.Procurement);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        // The sign-out form lives in the user menu of interactive pages; the static login page
        // issues the same per-user antiforgery token without a circuit.
        using var logout = await client.PostAccountEndpointAsync("/Account/Logout", new() { ["ReturnUrl"] = string.Empty });

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/Account/Login?signedOut=true", logout.Headers.Location!.OriginalString);
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        var app = apps[DatabaseProvider.Sqlite];
        var hospital = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(hospital, OrganisationRole.Procurement);
        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(user);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = string.Empty });
        using var logout = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Contains("was not sent by a VendorRisk page", await logout.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var after = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_with_status_404()
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browser_language_chooses_french()
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/Account/Login", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9,en;q=0.5");

        using var response = await client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("Se connecter", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_culture_switch_stores_the_choice_and_returns_to_the_page()
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();

        using var set = await client.GetAsync(new Uri("/culture/set?culture=fr&redirectUri=%2FAccount%2FLogin", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/Account/Login", set.Headers.Location!.OriginalString);

        var html = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), Ct);
        Assert.Contains("Adresse e-mail", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_interface_writes_dates_day_first_and_weeks_from_monday()
    {
        var options = apps[DatabaseProvider.Sqlite].Services
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>>().Value;

        // The culture the middleware hands to a request without a choice, and to "en" when chosen.
        Assert.Same(options.SupportedCultures![0], options.DefaultRequestCulture.Culture);
        var english = Assert.Single(options.SupportedCultures, c => c.Name == "en");
        Assert.Equal("04/03/2026", new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc).ToString("d", english));
        Assert.Equal(DayOfWeek.Monday, english.DateTimeFormat.FirstDayOfWeek);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_culture_switch_never_redirects_off_site(string target)
    {
        using var client = apps[DatabaseProvider.Sqlite].CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri($"/culture/set?culture=en&redirectUri={Uri.EscapeDataString(target)}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Health_endpoints_answer_without_details(DatabaseProvider provider)
    {
        using var client = apps[provider].CreateBrowserLikeClient();

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        }
    }
}
