using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;
using VendorRisk.Infrastructure.Demo;
using VendorRisk.Infrastructure.Email;
using VendorRisk.Infrastructure.Identity;
using VendorRisk.Infrastructure.Organisations;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Infrastructure.Tenancy;
using VendorRisk.Web.Api.OpenIdConnect;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Auth.Passkeys;
using VendorRisk.Web.Auth.Sessions;
using VendorRisk.Web.Auth.StepUp;
using VendorRisk.Web.Features.Audit;
using VendorRisk.Web.Features.Evidence;
using VendorRisk.Web.Features.Invitations;
using VendorRisk.Web.Features.Members;
using VendorRisk.Web.Features.Questionnaires;
using VendorRisk.Web.Features.Vendors;
using VendorRisk.Web.Localization;

namespace VendorRisk.Web.Startup;

internal static class ServiceRegistration
{
    public static readonly CultureInfo[] SupportedCultures = [English(), new("fr")];

    /// <summary>
    /// English texts with day-first dates: the invariant "en" culture writes 03/04/2026 for
    /// 4 March, which French hospital staff reading the English interface would take for 3 April.
    /// </summary>
    private static CultureInfo English()
    {
        var english = new CultureInfo("en");
        english.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        english.DateTimeFormat.FirstDayOfWeek = DayOfWeek.Monday;
        return english;
    }

    private const string ReplayProtectedTokenProviderName = "VendorRiskAuthenticator";

    public static WebApplicationBuilder AddVendorRiskServices(this WebApplicationBuilder builder, ResolvedDatabase database)
    {
        var services = builder.Services;

        // Circuit limits are chosen deliberately (docs/security.md, "Blazor circuits").
        services.Configure<CircuitSettings>(builder.Configuration.GetSection(CircuitSettings.SectionName));
        var circuits = builder.Configuration.GetSection(CircuitSettings.SectionName).Get<CircuitSettings>() ?? new CircuitSettings();
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                options.DetailedErrors = builder.Environment.IsDevelopment();
                options.DisconnectedCircuitMaxRetained = circuits.DisconnectedMaxRetained;
                options.DisconnectedCircuitRetentionPeriod = circuits.DisconnectedRetention;
                options.JSInteropDefaultCallTimeout = circuits.JsInteropTimeout;
            })
            .AddHubOptions(options => options.MaximumReceiveMessageSize = circuits.MaxMessageBytes);
        services.AddSingleton<CircuitRegistry>();
        services.AddScoped<CircuitAdmission>();
        services.AddScoped<CircuitHandler, CircuitLimitHandler>();
        services.AddScoped<CircuitHandler, CircuitLogScopeHandler>();
        services.AddVendorRiskSecurityHeaders();
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "VendorRisk.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line, with scopes (the request's CorrelationId) as properties.
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options => options.IncludeScopes = true);
        }

        services.AddMudServices(config =>
        {
            // Messages appear at once (a fading-in message is unreadable mid-fade) and stay long
            // enough to be read; they are also announced to screen readers by MudBlazor.
            config.SnackbarConfiguration.ShowTransitionDuration = 0;
            config.SnackbarConfiguration.VisibleStateDuration = 8000;
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
        });
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddTransient<MudLocalizer, VendorRiskMudLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(SupportedCultures[0]);
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        // Persistence and tenancy.
        services.AddVendorRiskPersistence(database);
        services.AddScoped<CurrentUser>();
        services.AddScoped<ITenantContext, ClaimsTenantContext>();
        services.AddScoped<CircuitHandler, UserCircuitHandler>();
        services.AddScoped<MembershipDirectory>();
        services.AddScoped<DemoDataSeeder>();

        // Keys for cookies and antiforgery live in the database, so sign-ins survive restarts and
        // every node of a PostgreSQL deployment shares them.
        services.AddDataProtection()
            .SetApplicationName("VendorRisk")
            .PersistKeysToDbContext<VendorRiskDbContext>();

        // Identity.
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "VendorRisk.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            SessionCookieEvents.Configure(options);
        });
        services.AddScoped<SessionStore>();
        services.AddVendorRiskReverseProxy(builder.Configuration);
        services.AddOptions<SessionLifetimeOptions>()
            .Bind(builder.Configuration.GetSection(SessionLifetimeOptions.SectionName))
            .Validate(o => o.IsValid, "Security:Sessions: AbsoluteLifetime and IdleTimeout must be at least 5 minutes, and IdleTimeout at most AbsoluteLifetime.")
            .ValidateOnStart();
        var geoIp = builder.Configuration.GetSection(VendorRisk.Infrastructure.Geolocation.GeoIpOptions.SectionName).Get<VendorRisk.Infrastructure.Geolocation.GeoIpOptions>();
        if (string.IsNullOrWhiteSpace(geoIp?.CountryDatabasePath))
        {
            services.AddSingleton<VendorRisk.Infrastructure.Geolocation.IIpGeolocation, VendorRisk.Infrastructure.Geolocation.NoIpGeolocation>();
        }
        else
        {
            var path = Path.GetFullPath(geoIp.CountryDatabasePath, builder.Environment.ContentRootPath);
            services.AddSingleton<VendorRisk.Infrastructure.Geolocation.IIpGeolocation>(_ => new VendorRisk.Infrastructure.Geolocation.MaxMindCountryDatabase(path));
        }

        // Re-read the user's security stamp (by default every minute) on plain HTTP requests too;
        // the same interval drives the revalidation of live circuits.
        services.Configure<SessionRevalidationOptions>(builder.Configuration.GetSection(SessionRevalidationOptions.SectionName));
        var sessions = builder.Configuration.GetSection(SessionRevalidationOptions.SectionName).Get<SessionRevalidationOptions>() ?? new SessionRevalidationOptions();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = sessions.RevalidationInterval);

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                DesignTimeContexts.ConfigureIdentityStores(options);
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length and a blocklist (CommonPasswordValidator), no composition
                // rules, which push people towards "Password1!" patterns.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<VendorRiskDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<VendorRiskUserClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(ReplayProtectedTokenProviderName);
        services.AddScoped<IUserConfirmation<ApplicationUser>, ActiveUserConfirmation>();
        services.AddScoped<IPasswordValidator<ApplicationUser>, CommonPasswordValidator>();
        services.Configure<IdentityOptions>(options =>
            options.Tokens.AuthenticatorTokenProvider = ReplayProtectedTokenProviderName);
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.OnRefreshingPrincipal = async context =>
            {
                await MfaClaims.KeepAuthenticationMethods(context);
                await SessionCookieEvents.KeepSession(context);
            });
        services.AddScoped<SecurityEventRecorder>();
        services.AddScoped<SignInFlow>();

        // Passkeys (WebAuthn, Identity's own), the tenant passkey policy and step-up re-authentication.
        services.Configure<IdentityPasskeyOptions>(builder.Configuration.GetSection("Security:Passkeys"));
        services.AddScoped<PasskeyPolicy>();
        services.AddScoped<PasskeySignIn>();
        services.AddScoped<PasskeyManager>();
        services.Configure<StepUpOptions>(builder.Configuration.GetSection(StepUpOptions.SectionName));
        services.AddScoped<StepUpVerifier>();
        services.AddScoped<StepUpService>();

        // E-mail: SMTP through MailKit, or .eml files in a pickup folder (Development default).
        services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.SectionName))
            .PostConfigure(options =>
            {
                if (builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.SmtpHost) && string.IsNullOrWhiteSpace(options.PickupDirectory))
                {
                    // Development mails land in the data folder and show on /dev/mail.
                    options.PickupDirectory = Path.Combine(database.DataDirectory!, "mail");
                }
            });
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddVendorRiskRateLimits(builder.Configuration);

        services.AddAuthorization(options => options.AddVendorRiskPolicies());
        services.AddSingleton<IAuthorizationHandler, OrganisationRoleHandler>();

        services.AddHealthChecks().AddDbContextCheck<VendorRiskDbContext>("database", tags: ["ready"]);

        // Features.
        services.AddScoped<MembersService>();
        services.AddScoped<Features.Privacy.PrivacyService>();
        services.AddScoped<Features.Security.OrganisationSecurityService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<RegisterValidation>();
        services.AddScoped<VendorRegisterService>();
        services.AddScoped<VendorLinkService>();
        services.AddScoped<Features.Vendors.Import.VendorImportValidator>();
        services.AddScoped<Features.Vendors.Import.VendorImportService>();
        services.AddScoped<QuestionnaireLibraryService>();
        services.AddScoped<Features.Questionnaires.Import.QuestionnaireMappingImportService>();
        services.AddScoped<Features.Sessions.SessionService>();
        services.AddScoped<VendorRisk.Infrastructure.Alerts.AlertRaiser>();
        services.AddScoped<Features.Alerts.SecurityAlertRules>();
        services.AddScoped<Features.Alerts.SignInCountryRule>();
        services.AddScoped<Features.Alerts.ApiClientAddressWatch>();
        services.AddScoped<Features.Alerts.AlertService>();
        services.AddScoped<Features.TenantSecurity.BulkReadGuard>();
        services.Configure<Features.Alerts.AlertOptions>(builder.Configuration.GetSection(Features.Alerts.AlertOptions.SectionName));
        services.AddScoped<Features.Alerts.AlertDispatchJob>();
        services.AddHostedService<Features.Alerts.AlertMailer>();
        services.AddScoped<VendorRisk.Infrastructure.Assessments.VendorPortalAccess>();
        services.AddScoped<VendorRisk.Infrastructure.Assessments.OrganisationPeople>();
        services.AddScoped<VendorRisk.Web.Features.Assessments.AssessmentService>();
        services.AddScoped<VendorRisk.Web.Features.Assessments.AssessmentSettingsService>();
        services.AddScoped<VendorRisk.Web.Features.Assessments.SavedViewService>();
        services.AddScoped<VendorRisk.Web.Features.Portal.PortalService>();
        services.AddSingleton<VendorRisk.Web.Features.Portal.PublishedVersionCache>();
        services.AddScoped<VendorRisk.Web.Features.Assessments.AssessmentReminderJob>();
        services.AddScoped<VendorRisk.Web.Features.Assessments.AssessmentHistoryService>();
        services.AddHostedService<VendorRisk.Web.Features.Assessments.AssessmentReminderService>();
        builder.AddVendorRiskAudit(database);
        builder.AddVendorRiskEvidence(database);
        builder.AddVendorRiskOpenIdConnect(database);

        return builder;
    }
}
