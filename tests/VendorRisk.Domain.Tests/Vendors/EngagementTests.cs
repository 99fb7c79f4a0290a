using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;
using static VendorRisk.Domain.Tests.Vendors.Builders;

namespace VendorRisk.Domain.Tests.Vendors;

public sealed class EngagementTests
{
    [Fact]
    public void An_engagement_belongs_to_the_tenant_of_its_product_and_stores_its_computed_tier()
    {
        var product = Product();
        var engagement = new Engagement(product, "Dr Martin", new DateOnly(2025, 1, 1), HostingModel.HdsCertifiedHost, " HDS-2024-0042 ",
            DataCategories.Clinical | DataCategories.Prescriptions | DataCategories.Identity, 750_000, VendorAccess.Privileged, 4);

        Assert.Equal(product.TenantId, engagement.TenantId);
        Assert.Equal(product.VendorId, engagement.VendorId);
        Assert.Equal("HDS-2024-0042", engagement.HdsCertificateNumber);
        Assert.Equal(RiskTier.Critical, engagement.ComputedTier);
        Assert.Equal(RiskTier.Critical, engagement.EffectiveTier);
        Assert.Equal(engagement.EvaluateInherentRisk().Score, engagement.InherentRiskScore);
    }

    [Fact]
    public void MediBoard_declared_as_support_only_is_critical_once_its_shared_account_without_mfa_is_registered()
    {
        var engagement = new Engagement(Product(), "Dr Martin", new DateOnly(2025, 1, 1), HostingModel.HdsCertifiedHost, "HDS-2024-0042",
            DataCategories.Clinical | DataCategories.Prescriptions | DataCategories.Identity, 750_000, VendorAccess.SupportOnRequest, 168);
        Assert.Equal(59, engagement.InherentRiskScore); // 30 + 25 + 8 + 0 - 4
        Assert.Equal(RiskTier.High, engagement.ComputedTier);

        engagement.AddPrivilegedAccount(AccountHolderKind.SharedAccount, "mb-support", AccessPath.Direct, mfaEnabled: false, null, Today);

        var result = engagement.EvaluateInherentRisk();
        Assert.Equal(RiskTier.Critical, engagement.ComputedTier);
        Assert.Equal(90, engagement.InherentRiskScore); // 30 + 25 + 25 + 0 - 4 + 6 + 8
        Assert.Contains(result.Reasons, r => r.Code == InherentRiskReasonCodes.AccessPrivilegedPerRegister && r.Points == 25);
        Assert.Contains(result.Reasons, r => r.Code == InherentRiskReasonCodes.FloorHealthDataAtScaleWithRemoteAccess);
    }

    [Fact]
    public void Hds_certified_hosting_requires_a_certificate_number()
    {
        Assert.Throws<ArgumentException>(() => new Engagement(Product(), "Dr Martin", new DateOnly(2025, 1, 1),
            HostingModel.HdsCertifiedHost, "  ", DataCategories.Contact, 10, VendorAccess.None, 24));

        var engagement = Engagement(hosting: HostingModel.HdsCertifiedHost);
        Assert.Throws<ArgumentException>(() => engagement.SetHosting(HostingModel.HdsCertifiedHost, null));

        engagement.SetHosting(HostingModel.OnPremises, "ignored");
        Assert.Null(engagement.HdsCertificateNumber);
    }

    [Theory]
    [InlineData(DataCategories.NoPatientData | DataCategories.Clinical, 0)]
    [InlineData(DataCategories.NoPatientData | DataCategories.Contact, 0)]
    [InlineData(DataCategories.NoPatientData, 1)]
    [InlineData(DataCategories.None, 0)]
    [InlineData(DataCategories.Identity, -1)]
    public void No_patient_data_excludes_every_other_category_and_any_record(DataCategories data, long records)
    {
        var engagement = Engagement();
        Assert.ThrowsAny<ArgumentException>(() => engagement.SetDataInventory(data, records));
        Assert.Equal(DataCategories.Contact, engagement.DataCategories);
    }

    [Fact]
    public void Changing_an_input_recomputes_the_tier()
    {
        var engagement = Engagement(data: DataCategories.Clinical, records: 750_000, access: VendorAccess.SupportOnRequest,
            hosting: HostingModel.HdsCertifiedHost);
        Assert.Equal(RiskTier.High, engagement.ComputedTier);

        engagement.SetVendorAccess(VendorAccess.PermanentRemote);

        Assert.Equal(RiskTier.Critical, engagement.ComputedTier);
    }

    [Fact]
    public void A_privileged_account_in_the_register_recomputes_the_tier()
    {
        var engagement = Engagement(data: DataCategories.Contact, records: 10, hosting: HostingModel.HdsCertifiedHost);
        Assert.Equal(RiskTier.Low, engagement.ComputedTier);

        var account = engagement.AddPrivilegedAccount(AccountHolderKind.SharedAccount, "support-admin", AccessPath.Direct, mfaEnabled: false, null, Today);
        Assert.Equal(RiskTier.High, engagement.ComputedTier);
        Assert.Equal(engagement.TenantId, account.TenantId);

        engagement.UpdatePrivilegedAccount(account.Id, AccountHolderKind.NamedPerson, "Paul Durand", AccessPath.Bastion, mfaEnabled: true);
        Assert.Equal(RiskTier.Medium, engagement.ComputedTier); // 8 + 5 + 25 - 4 = 34

        engagement.RemovePrivilegedAccount(account.Id);
        Assert.Equal(RiskTier.Low, engagement.ComputedTier);
    }

    [Fact]
    public void An_override_requires_a_reason()
    {
        var engagement = Engagement();
        Assert.ThrowsAny<ArgumentException>(() => engagement.OverrideTierTo(RiskTier.High, " ", "ciso-1", Now));
        Assert.Null(engagement.OverrideTier);
        Assert.Empty(engagement.TierOverrideHistory);
    }

    [Fact]
    public void Overrides_and_their_clearing_are_kept_in_history()
    {
        var engagement = Engagement(data: DataCategories.Contact, records: 500, hosting: HostingModel.VendorCloud);
        Assert.Equal(RiskTier.Low, engagement.ComputedTier);

        engagement.OverrideTierTo(RiskTier.High, "Vendor also runs our identity provider.", "ciso-1", Now);
        Assert.Equal(RiskTier.High, engagement.EffectiveTier);
        Assert.Equal(RiskTier.Low, engagement.ComputedTier);

        engagement.OverrideTierTo(RiskTier.Critical, "Incident at the vendor.", "ciso-2", Now.AddDays(1));
        engagement.ClearTierOverride("Incident closed.", "ciso-1", Now.AddDays(30));

        Assert.Null(engagement.OverrideTier);
        Assert.Equal(RiskTier.Low, engagement.EffectiveTier);
        Assert.Equal(
            [
                (TierOverrideAction.Set, RiskTier.Low, RiskTier.High, "Vendor also runs our identity provider.", "ciso-1", Now),
                (TierOverrideAction.Set, RiskTier.High, RiskTier.Critical, "Incident at the vendor.", "ciso-2", Now.AddDays(1)),
                (TierOverrideAction.Cleared, RiskTier.Critical, RiskTier.Low, "Incident closed.", "ciso-1", Now.AddDays(30)),
            ],
            engagement.TierOverrideHistory.Select(e => (e.Action, e.FromTier, e.ToTier, e.Reason, e.ByUserId, e.AtUtc)));
        Assert.All(engagement.TierOverrideHistory, e => Assert.Equal(TimeSpan.Zero, e.AtUtc.Offset));
    }

    [Fact]
    public void An_override_stays_in_force_when_the_computed_tier_changes()
    {
        var engagement = Engagement();
        engagement.OverrideTierTo(RiskTier.Medium, "Pilot on one ward only.", "ciso-1", Now);

        engagement.SetDataInventory(DataCategories.Clinical, 750_000);
        engagement.SetVendorAccess(VendorAccess.Privileged);

        Assert.Equal(RiskTier.Critical, engagement.ComputedTier);
        Assert.Equal(RiskTier.Medium, engagement.EffectiveTier);
    }

    [Fact]
    public void An_override_to_the_current_tier_or_a_clearing_without_override_is_refused()
    {
        var engagement = Engagement();
        Assert.Throws<InvalidOperationException>(() => engagement.OverrideTierTo(engagement.ComputedTier, "Same.", "ciso-1", Now));
        Assert.Throws<InvalidOperationException>(() => engagement.ClearTierOverride("Nothing.", "ciso-1", Now));
        Assert.ThrowsAny<ArgumentException>(() => engagement.ClearTierOverride("", "ciso-1", Now));
    }

    [Fact]
    public void Establishments_and_integration_points_are_trimmed_and_deduplicated()
    {
        var engagement = Engagement();
        engagement.SetEstablishments([" Hôpital Nord ", "hôpital nord", "Hôpital Sud"]);
        engagement.SetIntegrationPoints(["HL7 ADT feed", "FHIR Patient API"]);

        Assert.Equal(["Hôpital Nord", "Hôpital Sud"], engagement.Establishments);
        Assert.Equal(2, engagement.IntegrationPoints.Count);
        Assert.ThrowsAny<ArgumentException>(() => engagement.SetEstablishments(["ok", " "]));
    }

    [Fact]
    public void An_engagement_cannot_end_before_it_starts() =>
        Assert.Throws<ArgumentException>(() => Engagement().SetPeriod(new DateOnly(2025, 6, 1), new DateOnly(2025, 5, 31)));

    [Theory]
    [InlineData(-1)]
    [InlineData(EngagementRules.MaxDowntimeToleranceHours + 1)]
    public void Downtime_tolerance_stays_within_bounds(int hours) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Engagement().SetDowntimeTolerance(hours));
}
