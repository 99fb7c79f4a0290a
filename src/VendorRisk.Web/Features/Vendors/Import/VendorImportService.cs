using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Auth;
using VendorRisk.Web.Tabular;

namespace VendorRisk.Web.Features.Vendors.Import;

/// <summary>An export file: name, content type and bytes.</summary>
public sealed record VendorExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Import of vendors from a CSV or Excel file and export of the filtered register.
/// <para>Import is in two steps: <see cref="PreviewAsync"/> reads and checks the file and saves
/// nothing; <see cref="ImportAsync"/> checks the same rows again against the register as it is
/// then (a circuit can send anything, and another import may have run in between) and adds them
/// all in one save — one transaction — or adds none.</para>
/// <para>Tenancy: the duplicate check and the export read through the tenant filter; new vendors
/// are stamped with the current organisation. Authorization: preview and import need
/// <see cref="Policies.VendorWrite"/>, export <see cref="Policies.VendorRead"/>.</para>
/// </summary>
public sealed class VendorImportService(
    IDbContextFactory<VendorRiskDbContext> contexts,
    CurrentUser currentUser,
    TimeProvider clock,
    VendorImportValidator validator,
    IStringLocalizer<SharedResource> l)
{
    public async Task<VendorImportPreview> PreviewAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var empty = new Dictionary<VendorColumn, string>();
        if (!currentUser.Principal.Allows(Policies.VendorWrite))
        {
            return new VendorImportPreview(fileName, [], [new ImportIssue(null, null, l["Register_NotAllowed"])], [], empty);
        }

        TabularSheet sheet;
        try
        {
            var bytes = await TabularFile.ReadAllAsync(file, VendorImportReader.MaxBytes, cancellationToken);
            sheet = TabularFile.Read(bytes, VendorImportReader.Limits, cancellationToken: cancellationToken);
        }
        catch (TabularFileException ex)
        {
            return new VendorImportPreview(fileName, [], [validator.Describe(ex, VendorImportReader.Limits)], [], empty);
        }

        var (rows, columns, ignored) = VendorImportReader.Map(sheet);
        var headers = columns.ToDictionary(c => c.Key, c => sheet.Headers[c.Value]);
        var errors = validator.Validate(rows, headers, await ExistingAsync(cancellationToken));
        return new VendorImportPreview(fileName, rows, errors, ignored, headers);
    }

    public async Task<VendorImportResult> ImportAsync(VendorImportPreview preview, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (!currentUser.Principal.Allows(Policies.VendorWrite))
        {
            return new VendorImportResult(false, 0, [new ImportIssue(null, null, l["Register_NotAllowed"])]);
        }

        if (preview.Rows.Count > VendorImportReader.MaxRows)
        {
            return new VendorImportResult(false, 0, [new ImportIssue(null, null, l["Import_Error_TooManyRows", VendorImportReader.MaxRows])]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = validator.Validate(preview.Rows, preview.Headers, await ExistingAsync(db, cancellationToken));
        if (errors.Count > 0)
        {
            return new VendorImportResult(false, 0, errors);
        }

        var tenantId = currentUser.Principal.GetOrganisationId() ?? throw new InvalidOperationException("No current organisation.");
        var now = clock.GetUtcNow();
        try
        {
            foreach (var row in preview.Rows)
            {
                var vendor = new Vendor(tenantId, row.LegalName!, row.CountryCode!, row.RegistrationNumber, now);
                vendor.SetWebsite(row.Website);
                vendor.SetSecurityContact(row.ContactName, row.ContactEmail, row.ContactPhone);
                db.Vendors.Add(vendor);
            }
        }
        catch (ArgumentException)
        {
            // A rule the validator should have caught: refuse the whole file rather than lose rows.
            return new VendorImportResult(false, 0, [new ImportIssue(null, null, l["Register_Validation_Rejected"])]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new VendorImportResult(true, preview.Rows.Count, []);
    }

    /// <summary>The register filtered as the list shows it, as an Excel workbook or a CSV file; null when the user may not read it.</summary>
    public async Task<VendorExportFile?> ExportAsync(VendorQuery query, bool excel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!currentUser.Principal.Allows(Policies.VendorRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = ExportRows(db, query);
        var items = await rows.OrderBy(r => r.LegalName).Take(VendorExport.MaxRows).ToListAsync(cancellationToken);
        var export = items.Select(r => new VendorExportRow(
            r.LegalName, r.CountryCode, r.RegistrationNumber, r.Website?.ToString(), r.SecurityContactName, r.SecurityContactEmail, r.SecurityContactPhone,
            r.Products, r.Engagements, (RiskTier?)r.HighestTier, r.Archived)).ToList();
        var headers = Enum.GetValues<VendorColumn>().Select(validator.ColumnLabel)
            .Concat([l["Vendor_Products"], l["Vendor_Engagements"], l["Vendors_HighestTier"], l["Vendor_Archived"]]).ToList();
        string TierName(RiskTier t) => RegisterTexts.Tier(l, t);
        string YesNo(bool b) => b ? l["VendorExport_Yes"] : l["VendorExport_No"];
        var stamp = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return excel
            ? new VendorExportFile($"vendors-{stamp}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", VendorExport.ToWorkbook(export, headers, TierName, YesNo))
            : new VendorExportFile(
                $"vendors-{stamp}.csv",
                "text/csv; charset=utf-8",
                VendorExport.ToCsv(export, headers, TierName, YesNo, CultureInfo.CurrentCulture.TextInfo.ListSeparator == ";" ? ';' : ','));
    }

    /// <summary>How many vendors <see cref="ExportAsync"/> would return (at most <see cref="VendorExport.MaxRows"/>); null when the user may not read them.</summary>
    public async Task<int?> CountForExportAsync(VendorQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!currentUser.Principal.Allows(Policies.VendorRead))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return Math.Min(await ExportRows(db, query).CountAsync(cancellationToken), VendorExport.MaxRows);
    }

    private static IQueryable<ExportRowData> ExportRows(VendorRiskDbContext db, VendorQuery query)
    {
        var vendors = VendorRegisterService.Filter(db.Vendors.AsNoTracking(), query);
        var rows = vendors.Select(v => new ExportRowData
        {
            LegalName = v.LegalName,
            CountryCode = v.CountryCode,
            RegistrationNumber = v.RegistrationNumber,
            Website = v.Website,
            SecurityContactName = v.SecurityContactName,
            SecurityContactEmail = v.SecurityContactEmail,
            SecurityContactPhone = v.SecurityContactPhone,
            Archived = v.ArchivedAtUtc != null,
            Products = db.Products.Count(p => p.VendorId == v.Id),
            Engagements = db.Engagements.Count(e => e.VendorId == v.Id),
            HighestTier = db.Engagements.Where(e => e.VendorId == v.Id).Max(e => (int?)(e.OverrideTier ?? e.ComputedTier)),
        });
        if (query.Tier is { } tier)
        {
            var wanted = (int)tier;
            rows = rows.Where(r => r.HighestTier == wanted);
        }

        return rows;
    }

    private async Task<IReadOnlyCollection<ExistingVendor>> ExistingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ExistingAsync(db, cancellationToken);
    }

    /// <summary>Every vendor of the register, archived ones included: re-importing an archived vendor is a duplicate too.</summary>
    private static async Task<IReadOnlyCollection<ExistingVendor>> ExistingAsync(VendorRiskDbContext db, CancellationToken cancellationToken) =>
        await db.Vendors.AsNoTracking()
            .Select(v => new ExistingVendor(v.LegalName, v.RegistrationNumber))
            .ToListAsync(cancellationToken);

    private sealed class ExportRowData
    {
        public string LegalName { get; init; } = string.Empty;

        public string CountryCode { get; init; } = string.Empty;

        public string? RegistrationNumber { get; init; }

        public Uri? Website { get; init; }

        public string? SecurityContactName { get; init; }

        public string? SecurityContactEmail { get; init; }

        public string? SecurityContactPhone { get; init; }

        public bool Archived { get; init; }

        public int Products { get; init; }

        public int Engagements { get; init; }

        public int? HighestTier { get; init; }
    }
}
