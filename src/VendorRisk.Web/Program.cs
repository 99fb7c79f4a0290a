using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Features.Audit;
using VendorRisk.Web.Startup;

var builder = WebApplication.CreateBuilder(args);

ResolvedDatabase database;
try
{
    database = ResolvedDatabase.From(
        builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions(),
        builder.Environment.ContentRootPath);
}
catch (DatabaseConfigurationException ex)
{
    StartupFailure.Report(ex.Message);
    return 1;
}

builder.AddVendorRiskServices(database);

var app = builder.Build();

// `audit verify` checks the audit chains and exits, before the web host starts.
if (AuditCommand.IsAuditCommand(args))
{
    return await AuditCommand.RunAsync(app, args);
}

app.UseVendorRiskPipeline();

if (!await app.PrepareDatabaseAsync(database))
{
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public and partial so that the test host can start the real app.</summary>
public partial class Program
{
    protected Program()
    {
    }
}
