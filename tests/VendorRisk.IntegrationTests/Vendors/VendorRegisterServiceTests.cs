using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Vendors;

/// <summary>The register's use cases through its service, on the real database of each provider.</summary>
[Collection(SharedApps.Name)]
public sealed class VendorRegisterServiceTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_mediboard_like_engagement_is_stored_critical_with_its_reasons(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();

        var vendor = Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "MediBoard-like", CountryCode = "fr" }, Ct));
        var product = Register.Succeeded(await service.CreateProductAsync(vendor, new ProductForm { Name = "EPR", Category = ProductCategory.ElectronicPatientRecord }, Ct));
        var engagement = Register.Succeeded(await service.CreateEngagementAsync(product, Register.MediBoardForm(), Ct));

        var details = await service.GetEngagementAsync(engagement, Ct);
        Assert.NotNull(details);
        Assert.Equal(RiskTier.Critical, details.Engagement.ComputedTier);
        Assert.Equal(details.InherentRisk.Score, details.Engagement.InherentRiskScore);
        Assert.Contains(details.InherentRisk.Reasons, r => r.Code == InherentRiskReasonCodes.FloorHealthDataAtScaleWithRemoteAccess && r.Arguments[0] == 750_000);
        Assert.Equal(["Hôpital Nord", "Hôpital Sud"], details.Engagement.Establishments);
        Assert.Equal(new DateOnly(2020, 1, 1), details.Engagement.StartsOn);
        Assert.Equal(DataCategories.Clinical | DataCategories.Prescriptions | DataCategories.Identity, details.Engagement.DataCategories);

        var list = await service.ListVendorsAsync(new VendorQuery(Search: "mediboard-LIKE"), Ct);
        var row = Assert.Single(list.Rows);
        Assert.Equal(RiskTier.Critical, row.HighestTier);
        Assert.Equal("FR", row.CountryCode);
        Assert.Equal((1, 1), (row.Products, row.Engagements));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_register_list_searches_filters_sorts_and_pages_in_the_database(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        for (var i = 0; i < 23; i++)
        {
            Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = $"Vendor {i:D2}", CountryCode = i % 2 == 0 ? "FR" : "DE" }, Ct));
        }

        var critical = await Register.CreateAsync(app, hospital); // overridden to High by its CISO
        var archived = Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "Vendor archived", CountryCode = "FR" }, Ct));
        var token = (await service.GetVendorAsync(archived, Ct))!.ConcurrencyToken;
        Register.Succeeded(await service.ArchiveVendorAsync(archived, token, Ct));

        var firstPage = await service.ListVendorsAsync(new VendorQuery(PageSize: 10), Ct);
        Assert.Equal(25, firstPage.TotalCount); // 23 + the register's vendor and its host; the archived one is hidden
        Assert.Equal(10, firstPage.Rows.Count);
        var lastPage = await service.ListVendorsAsync(new VendorQuery(Page: 2, PageSize: 10), Ct);
        Assert.Equal(5, lastPage.Rows.Count);
        Assert.Empty(firstPage.Rows.Select(r => r.Id).Intersect(lastPage.Rows.Select(r => r.Id)));

        var germans = await service.ListVendorsAsync(new VendorQuery(CountryCode: "de", PageSize: 100), Ct);
        Assert.Equal(11, germans.TotalCount);
        Assert.All(germans.Rows, r => Assert.Equal("DE", r.CountryCode));

        var descending = await service.ListVendorsAsync(new VendorQuery(Search: "vendor ", SortBy: VendorSort.LegalName, Descending: true, PageSize: 3), Ct);
        Assert.Equal(["Vendor 22", "Vendor 21", "Vendor 20"], descending.Rows.Select(r => r.LegalName));

        var high = await service.ListVendorsAsync(new VendorQuery(Tier: RiskTier.High), Ct);
        Assert.Equal(critical.VendorId, Assert.Single(high.Rows).Id);
        var byTier = await service.ListVendorsAsync(new VendorQuery(SortBy: VendorSort.HighestTier, Descending: true, PageSize: 1), Ct);
        Assert.Equal(critical.VendorId, byTier.Rows[0].Id);

        var withArchived = await service.ListVendorsAsync(new VendorQuery(IncludeArchived: true, Search: "archived"), Ct);
        Assert.True(Assert.Single(withArchived.Rows).IsArchived);
        Assert.Equal(0, (await service.ListVendorsAsync(new VendorQuery(Search: new string('x', 5000)), Ct)).TotalCount);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_second_concurrent_edit_of_a_vendor_is_told_the_record_changed_and_overwrites_nothing(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        var id = Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "Original", CountryCode = "FR" }, Ct));

        // Two people open the edit form of the same vendor...
        var first = VendorForm.From((await service.GetVendorAsync(id, Ct))!);
        var second = VendorForm.From((await service.GetVendorAsync(id, Ct))!);
        first.LegalName = "First editor's name";
        second.LegalName = "Second editor's name";

        // ...the first saves, then the second.
        Register.Succeeded(await service.UpdateVendorAsync(id, first, Ct));
        var refused = await service.UpdateVendorAsync(id, second, Ct);

        Assert.False(refused.Succeeded);
        Assert.True(refused.Conflict);
        Assert.Contains("changed this vendor", refused.Error, StringComparison.Ordinal);
        Assert.Equal("First editor's name", (await service.GetVendorAsync(id, Ct))!.LegalName);
        Assert.Equal("Second editor's name", second.LegalName); // the form keeps what was typed
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_database_refuses_a_save_whose_concurrency_token_changed_in_between(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var register = await Register.CreateAsync(app, hospital);
        await using var scope = app.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();

        // Both read before either writes: only the SQL comparison can catch the second.
        await using var one = contexts.CreateForTenant(hospital.Organisation.Id);
        await using var two = contexts.CreateForTenant(hospital.Organisation.Id);
        var engagementOne = await one.Engagements.Include(e => e.PrivilegedAccounts).SingleAsync(e => e.Id == register.EngagementId, Ct);
        var engagementTwo = await two.Engagements.Include(e => e.PrivilegedAccounts).SingleAsync(e => e.Id == register.EngagementId, Ct);
        engagementOne.ChangeBusinessOwner("Owner one");
        engagementTwo.ChangeBusinessOwner("Owner two");

        await one.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync(Ct));

        var vendorOne = await one.Vendors.SingleAsync(v => v.Id == register.VendorId, Ct);
        var vendorTwo = await two.Vendors.SingleAsync(v => v.Id == register.VendorId, Ct);
        vendorOne.SetWebsite("https://one.example");
        vendorTwo.SetWebsite("https://two.example");
        await one.SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Oversized_or_hostile_input_is_refused_with_a_message_and_nothing_is_saved(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();

        var hostile = new[]
        {
            new VendorForm { LegalName = new string('A', 100_000), CountryCode = "FR" },
            new VendorForm { LegalName = "Bad SIRET", CountryCode = "FR", RegistrationNumber = "12345678901234" },
            new VendorForm { LegalName = "Script site", CountryCode = "FR", Website = "javascript:alert(1)" },
            new VendorForm { LegalName = "Nowhere", CountryCode = "XX" },
            new VendorForm { LegalName = "   ", CountryCode = "FR" },
            new VendorForm { LegalName = "Bad mail", CountryCode = "FR", SecurityContactEmail = "<script>@x" },
            new VendorForm { LegalName = "Guessed parent", CountryCode = "FR", ParentCompanyId = Guid.NewGuid() },
        };
        foreach (var form in hostile)
        {
            var result = await service.CreateVendorAsync(form, Ct);
            Assert.False(result.Succeeded);
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
        }

        Assert.Equal(0, (await service.ListVendorsAsync(new VendorQuery(IncludeArchived: true), Ct)).TotalCount);

        var vendor = Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "Fine", CountryCode = "FR" }, Ct));
        var product = Register.Succeeded(await service.CreateProductAsync(vendor, new ProductForm { Name = "EPR" }, Ct));
        var badEngagement = Register.MediBoardForm();
        badEngagement.DataCategories = [DataCategories.NoPatientData, DataCategories.Clinical];
        badEngagement.Establishments = string.Join('\n', Enumerable.Range(0, 500).Select(i => $"Site {i}"));
        var refused = await service.CreateEngagementAsync(product, badEngagement, Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains("excludes every other category", refused.Error, StringComparison.Ordinal);
        Assert.Contains("at most 100 entries", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await service.ListVendorsAsync(new VendorQuery(), Ct)).Rows.Single().Engagements);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Only_the_ciso_overrides_a_tier_always_with_a_reason_and_the_history_keeps_every_change(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var register = await Register.CreateAsync(app, hospital); // the CISO set High over a computed Critical

        await using (var procurement = app.ScopeFor(hospital.Procurement))
        {
            var service = procurement.ServiceProvider.GetRequiredService<VendorRegisterService>();
            var token = (await service.GetEngagementAsync(register.EngagementId, Ct))!.Engagement.ConcurrencyToken;
            var refused = await service.ClearTierOverrideAsync(register.EngagementId, "Not my call", token, Ct);
            Assert.False(refused.Succeeded);
            Assert.Equal("Your role does not allow this change.", refused.Error);
        }

        await using var scope = app.ScopeFor(hospital.Ciso);
        var ciso = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        var details = (await ciso.GetEngagementAsync(register.EngagementId, Ct))!;
        Assert.Equal(RiskTier.High, details.Engagement.EffectiveTier);
        Assert.Equal(RiskTier.Critical, details.Engagement.ComputedTier);

        var noReason = await ciso.ClearTierOverrideAsync(register.EngagementId, "  ", details.Engagement.ConcurrencyToken, Ct);
        Assert.False(noReason.Succeeded);
        Assert.Contains("Reason", noReason.Error, StringComparison.Ordinal);

        Register.Succeeded(await ciso.ClearTierOverrideAsync(register.EngagementId, "Audit findings reopened", details.Engagement.ConcurrencyToken, Ct));
        details = (await ciso.GetEngagementAsync(register.EngagementId, Ct))!;
        Assert.Null(details.Engagement.OverrideTier);
        Assert.Equal(2, details.OverrideHistory.Count);
        var latest = details.OverrideHistory[0];
        Assert.Equal((TierOverrideAction.Cleared, RiskTier.High, RiskTier.Critical), (latest.Entry.Action, latest.Entry.FromTier, latest.Entry.ToTier));
        Assert.Equal(hospital.Ciso.Id, latest.Entry.ByUserId);
        Assert.Equal("Audit findings reopened", latest.Entry.Reason);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_access_register_and_contracts_are_kept_flagged_and_checked(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var register = await Register.CreateAsync(app, hospital);
        await using var scope = app.ScopeFor(hospital.Ciso);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        var details = (await service.GetEngagementAsync(register.EngagementId, Ct))!;

        Assert.Contains(details.InherentRisk.Reasons, r => r.Code == InherentRiskReasonCodes.RegisterSharedAccounts);
        Assert.Contains(details.InherentRisk.Reasons, r => r.Code == InherentRiskReasonCodes.RegisterAccountsWithoutMfa);

        // The CISO turns on MFA for the shared account and records a review: the flag goes.
        var account = details.Engagement.PrivilegedAccounts.Single();
        Register.Succeeded(await service.UpdatePrivilegedAccountAsync(register.EngagementId, account.Id, new PrivilegedAccountForm { HolderKind = AccountHolderKind.SharedAccount, Holder = account.Holder, AccessPath = AccessPath.Bastion, MfaEnabled = true }, details.Engagement.ConcurrencyToken, Ct));
        details = (await service.GetEngagementAsync(register.EngagementId, Ct))!;
        Register.Succeeded(await service.RecordPrivilegedAccountReviewAsync(register.EngagementId, account.Id, details.Today.ToDateTime(TimeOnly.MinValue), details.Today.AddDays(10).ToDateTime(TimeOnly.MinValue), details.Engagement.ConcurrencyToken, Ct));
        details = (await service.GetEngagementAsync(register.EngagementId, Ct))!;
        Assert.DoesNotContain(details.InherentRisk.Reasons, r => r.Code == InherentRiskReasonCodes.RegisterAccountsWithoutMfa);
        Assert.Equal(AccessPath.Bastion, details.Engagement.PrivilegedAccounts.Single().AccessPath);
        Assert.Equal(details.Today.AddDays(10), Assert.Single(details.ReviewsDue).DueOn);

        // The CISO may not edit contracts; the DPO may, and the checklist lists what is missing.
        var stale = details.Engagement.ConcurrencyToken;
        Assert.False((await service.RemoveContractAsync(register.EngagementId, register.ContractId, stale, Ct)).Succeeded);
        Assert.Equal(Domain.Vendors.Contracts.SecurityClauses.BreachNotification, details.ContractReview.Contracts.Single().MissingClauses & Domain.Vendors.Contracts.SecurityClauses.BreachNotification);

        await using var dpoScope = app.ScopeFor(hospital.Dpo);
        var dpo = dpoScope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        var ending = details.Today.AddDays(30).ToDateTime(TimeOnly.MinValue);
        var form = new ContractForm
        {
            Type = Domain.Vendors.Contracts.ContractType.DataProcessingAgreement,
            Title = "DPA 2026",
            EndsOn = ending,
            PresentClauses = [Domain.Vendors.Contracts.SecurityClauses.BreachNotification, Domain.Vendors.Contracts.SecurityClauses.AuditRight],
        };
        var noDelay = await dpo.UpdateContractAsync(register.EngagementId, register.ContractId, form, stale, Ct);
        Assert.False(noDelay.Succeeded);
        form.BreachNotificationDelayHours = 72;
        Register.Succeeded(await dpo.UpdateContractAsync(register.EngagementId, register.ContractId, form, stale, Ct));
        var check = (await dpo.GetEngagementAsync(register.EngagementId, Ct))!.ContractReview.Contracts.Single();
        Assert.True(check.EndingSoon);
        Assert.True(check.BreachNotificationTooSlow);

        // The stale token of before the DPO's save is now refused.
        var conflict = await dpo.RemoveContractAsync(register.EngagementId, register.ContractId, stale, Ct);
        Assert.True(conflict.Conflict);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Auditors_read_the_register_but_change_nothing(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var register = await Register.CreateAsync(app, hospital);
        await using var scope = app.ScopeFor(hospital.Auditor);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();

        var vendor = await service.GetVendorDetailsAsync(register.VendorId, Ct);
        Assert.NotNull(vendor);
        var form = VendorForm.From(vendor.Vendor);
        form.LegalName = "Renamed by an auditor";

        Assert.False((await service.CreateVendorAsync(new VendorForm { LegalName = "New", CountryCode = "FR" }, Ct)).Succeeded);
        Assert.False((await service.UpdateVendorAsync(register.VendorId, form, Ct)).Succeeded);
        Assert.False((await service.ArchiveVendorAsync(register.VendorId, form.ConcurrencyToken, Ct)).Succeeded);
        Assert.False((await service.CreateProductAsync(register.VendorId, new ProductForm { Name = "X" }, Ct)).Succeeded);
        Assert.Equal(register.VendorName, (await service.GetVendorAsync(register.VendorId, Ct))!.LegalName);
    }
}
