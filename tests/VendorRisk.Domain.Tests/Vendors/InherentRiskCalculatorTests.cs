using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.Domain.Vendors.Tiering;
using static VendorRisk.Domain.Tests.Vendors.Builders;
using Codes = VendorRisk.Domain.Vendors.Tiering.InherentRiskReasonCodes;

namespace VendorRisk.Domain.Tests.Vendors;

public sealed class InherentRiskCalculatorTests
{
    private const DataCategories MediBoardData = DataCategories.Clinical | DataCategories.Prescriptions | DataCategories.Identity;

    [Fact]
    public void MediBoard_750000_patients_with_a_shared_privileged_account_without_mfa_is_critical_with_its_reasons()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: MediBoardData, records: 750_000, access: VendorAccess.Privileged,
            hosting: HostingModel.HdsCertifiedHost, downtimeHours: 4, accounts: 1, shared: 1, withoutMfa: 1));

        Assert.Equal(100, result.Score);
        Assert.Equal(RiskTier.Critical, result.ScoreTier);
        Assert.Equal(RiskTier.Critical, result.Tier);
        Assert.Equal(
            [
                (Codes.DataClinical, 30, (RiskTier?)null, ""),
                (Codes.VolumeOver100000, 25, null, "750000"),
                (Codes.AccessPrivileged, 25, null, ""),
                (Codes.DowntimeUpTo4Hours, 12, null, "4"),
                (Codes.HostingHdsCertified, -4, null, ""),
                (Codes.RegisterSharedAccounts, 6, null, "1"),
                (Codes.RegisterAccountsWithoutMfa, 8, null, "1"),
                (Codes.ScoreCappedAt100, -2, null, "102"),
                (Codes.FloorHealthDataAtScaleWithRemoteAccess, 0, RiskTier.Critical, "750000"),
                (Codes.FloorUnprotectedPrivilegedAccount, 0, RiskTier.High, "1,1"),
                (Codes.FloorLowDowntimeTolerance, 0, RiskTier.Medium, "4"),
            ],
            result.Reasons.Select(r => (r.Code, r.Points, r.MinimumTier, string.Join(',', r.Arguments))));
    }

    [Fact]
    public void Clinical_data_of_more_than_100000_patients_with_remote_access_is_critical_by_floor_even_when_points_say_high()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Clinical, records: 100_001, access: VendorAccess.PermanentRemote,
            hosting: HostingModel.HdsCertifiedHost, downtimeHours: 168));

        Assert.Equal(67, result.Score); // 30 + 25 + 16 + 0 - 4
        Assert.Equal(RiskTier.High, result.ScoreTier);
        Assert.Equal(RiskTier.Critical, result.Tier);
        var floor = Assert.Single(result.Reasons, r => r.IsFloor);
        Assert.Equal(Codes.FloorHealthDataAtScaleWithRemoteAccess, floor.Code);
        Assert.Equal("InherentRisk.Floor.HealthDataAtScaleWithRemoteAccess", floor.ResourceKey);
    }

    [Theory]
    [InlineData(DataCategories.Clinical, 100_000, VendorAccess.PermanentRemote)] // volume at the band's top, not above it
    [InlineData(DataCategories.Clinical, 750_000, VendorAccess.SupportOnRequest)] // no remote access
    [InlineData(DataCategories.Identity | DataCategories.Contact, 750_000, VendorAccess.Privileged)] // no health data
    public void The_critical_floor_needs_health_data_above_100000_patients_and_remote_access(DataCategories data, long records, VendorAccess access)
    {
        var result = InherentRiskCalculator.Calculate(Input(data: data, records: records, access: access, hosting: HostingModel.HdsCertifiedHost));

        Assert.DoesNotContain(result.Reasons, r => r.Code == Codes.FloorHealthDataAtScaleWithRemoteAccess);
        Assert.Equal(RiskTier.High, result.Tier);
    }

    [Fact]
    public void Prescriptions_alone_count_as_health_data_for_the_critical_floor()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Prescriptions, records: 200_000, access: VendorAccess.PermanentRemote, hosting: HostingModel.HdsCertifiedHost));

        Assert.Equal(62, result.Score); // 25 + 25 + 16 + 0 - 4
        Assert.Equal(RiskTier.Critical, result.Tier);
    }

    [Fact]
    public void Worked_example_critical_by_points_alone()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Prescriptions, records: 50_000, access: VendorAccess.PermanentRemote,
            hosting: HostingModel.VendorCloud, downtimeHours: 24));

        Assert.Equal(71, result.Score); // 25 + 18 + 16 + 8 + 4
        Assert.Equal(RiskTier.Critical, result.Tier);
        Assert.DoesNotContain(result.Reasons, r => r.IsFloor);
    }

    [Fact]
    public void Worked_example_high()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Identity | DataCategories.Contact, records: 50_000, access: VendorAccess.SupportOnRequest,
            hosting: HostingModel.VendorCloud, downtimeHours: 24));

        Assert.Equal(50, result.Score); // 12 + 18 + 8 + 8 + 4
        Assert.Equal(RiskTier.High, result.Tier);
    }

    [Fact]
    public void Worked_example_medium()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Contact, records: 5_000, access: VendorAccess.SupportOnRequest,
            hosting: HostingModel.OnPremises, downtimeHours: 72));

        Assert.Equal(30, result.Score); // 8 + 10 + 8 + 4 + 0
        Assert.Equal(RiskTier.Medium, result.Tier);
    }

    [Fact]
    public void Worked_example_low()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Contact, records: 500, access: VendorAccess.None,
            hosting: HostingModel.VendorCloud, downtimeHours: 168));

        Assert.Equal(17, result.Score); // 8 + 5 + 0 + 0 + 4
        Assert.Equal(RiskTier.Low, result.Tier);
    }

    [Fact]
    public void A_negative_total_is_raised_to_zero_with_a_reason()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.NoPatientData, records: 0, access: VendorAccess.None, hosting: HostingModel.HdsCertifiedHost));

        Assert.Equal(0, result.Score);
        Assert.Equal(RiskTier.Low, result.Tier);
        var clamp = Assert.Single(result.Reasons, r => r.Code == Codes.ScoreRaisedToZero);
        Assert.Equal(4, clamp.Points);
        Assert.Equal([-4L], clamp.Arguments);
    }

    [Theory]
    [InlineData(0, RiskTier.Low)]
    [InlineData(19, RiskTier.Low)]
    [InlineData(20, RiskTier.Medium)]
    [InlineData(44, RiskTier.Medium)]
    [InlineData(45, RiskTier.High)]
    [InlineData(69, RiskTier.High)]
    [InlineData(70, RiskTier.Critical)]
    [InlineData(100, RiskTier.Critical)]
    public void Score_thresholds(int score, RiskTier tier) => Assert.Equal(tier, InherentRiskCalculator.TierForScore(score));

    [Theory]
    [InlineData(0, Codes.VolumeNone, 0)]
    [InlineData(1, Codes.VolumeUpTo1000, 5)]
    [InlineData(1_000, Codes.VolumeUpTo1000, 5)]
    [InlineData(1_001, Codes.VolumeUpTo10000, 10)]
    [InlineData(10_000, Codes.VolumeUpTo10000, 10)]
    [InlineData(10_001, Codes.VolumeUpTo100000, 18)]
    [InlineData(100_000, Codes.VolumeUpTo100000, 18)]
    [InlineData(100_001, Codes.VolumeOver100000, 25)]
    public void Patient_record_volume_bands(long records, string code, int points)
    {
        var reason = ReasonOf(Input(records: records), "Volume.");

        Assert.Equal((code, points), (reason.Code, reason.Points));
        Assert.Equal([records], reason.Arguments);
    }

    [Theory]
    [InlineData(0, Codes.DowntimeUpTo4Hours, 12)]
    [InlineData(4, Codes.DowntimeUpTo4Hours, 12)]
    [InlineData(5, Codes.DowntimeUpTo24Hours, 8)]
    [InlineData(24, Codes.DowntimeUpTo24Hours, 8)]
    [InlineData(25, Codes.DowntimeUpTo72Hours, 4)]
    [InlineData(72, Codes.DowntimeUpTo72Hours, 4)]
    [InlineData(73, Codes.DowntimeOver72Hours, 0)]
    public void Downtime_tolerance_bands(int hours, string code, int points)
    {
        var reason = ReasonOf(Input(downtimeHours: hours), "Downtime.");
        Assert.Equal((code, points), (reason.Code, reason.Points));
    }

    [Theory]
    [InlineData(VendorAccess.None, Codes.AccessNone, 0)]
    [InlineData(VendorAccess.SupportOnRequest, Codes.AccessSupportOnRequest, 8)]
    [InlineData(VendorAccess.PermanentRemote, Codes.AccessPermanentRemote, 16)]
    [InlineData(VendorAccess.Privileged, Codes.AccessPrivileged, 25)]
    public void Vendor_access_points_rise_from_none_to_privileged(VendorAccess access, string code, int points)
    {
        var reason = ReasonOf(Input(access: access), "Access.");
        Assert.Equal((code, points), (reason.Code, reason.Points));
    }

    [Theory]
    [InlineData(DataCategories.NoPatientData, Codes.DataNoPatientData, 0)]
    [InlineData(DataCategories.Contact, Codes.DataContact, 8)]
    [InlineData(DataCategories.Identity, Codes.DataIdentity, 12)]
    [InlineData(DataCategories.HealthInsurance, Codes.DataHealthInsurance, 18)]
    [InlineData(DataCategories.Prescriptions, Codes.DataPrescriptions, 25)]
    [InlineData(DataCategories.Clinical, Codes.DataClinical, 30)]
    [InlineData(DataCategories.Contact | DataCategories.Clinical, Codes.DataClinical, 30)]
    [InlineData(DataCategories.Contact | DataCategories.Identity | DataCategories.HealthInsurance, Codes.DataHealthInsurance, 18)]
    public void The_most_sensitive_data_category_counts(DataCategories data, string code, int points)
    {
        var records = data == DataCategories.NoPatientData ? 0 : 500;
        var reason = ReasonOf(Input(data: data, records: records), "Data.");
        Assert.Equal((code, points), (reason.Code, reason.Points));
    }

    [Theory]
    [InlineData(HostingModel.OnPremises, Codes.HostingOnPremises, 0)]
    [InlineData(HostingModel.VendorCloud, Codes.HostingVendorCloud, 4)]
    [InlineData(HostingModel.HdsCertifiedHost, Codes.HostingHdsCertified, -4)]
    public void Hds_certified_hosting_lowers_the_score_slightly(HostingModel hosting, string code, int points)
    {
        var reason = ReasonOf(Input(hosting: hosting), "Hosting.");
        Assert.Equal((code, points), (reason.Code, reason.Points));
    }

    [Fact]
    public void A_register_with_accounts_means_privileged_access_whatever_was_declared()
    {
        var result = InherentRiskCalculator.Calculate(Input(access: VendorAccess.SupportOnRequest, accounts: 2));

        var access = ReasonOf(result, "Access.");
        Assert.Equal((Codes.AccessPrivilegedPerRegister, 25), (access.Code, access.Points));
        Assert.Equal([2L], access.Arguments);
    }

    [Fact]
    public void Shared_accounts_and_accounts_without_mfa_raise_the_score_once_each()
    {
        var clean = InherentRiskCalculator.Calculate(Input(accounts: 3));
        var flagged = InherentRiskCalculator.Calculate(Input(accounts: 3, shared: 2, withoutMfa: 3));

        Assert.Equal(clean.Score + 6 + 8, flagged.Score);
        Assert.Equal([2L], ReasonOf(flagged, Codes.RegisterSharedAccounts).Arguments);
        Assert.Equal([3L], ReasonOf(flagged, Codes.RegisterAccountsWithoutMfa).Arguments);
        Assert.DoesNotContain(clean.Reasons, r => r.Code.StartsWith("Register.", StringComparison.Ordinal));
    }

    [Fact]
    public void Patient_data_behind_a_shared_privileged_account_is_at_least_high()
    {
        var result = InherentRiskCalculator.Calculate(Input(
            data: DataCategories.Contact, records: 10, access: VendorAccess.SupportOnRequest,
            hosting: HostingModel.HdsCertifiedHost, accounts: 1, shared: 1));

        Assert.Equal(40, result.Score); // 8 + 5 + 25 (register) + 0 - 4 + 6
        Assert.Equal(RiskTier.Medium, result.ScoreTier);
        Assert.Equal(RiskTier.High, result.Tier);
        Assert.Equal([1L, 0L], ReasonOf(result, Codes.FloorUnprotectedPrivilegedAccount).Arguments);
    }

    [Fact]
    public void An_account_without_mfa_on_an_engagement_without_patient_data_raises_no_floor()
    {
        var result = InherentRiskCalculator.Calculate(Input(data: DataCategories.NoPatientData, records: 0, accounts: 1, withoutMfa: 1));

        Assert.Equal(33, result.Score); // 0 + 0 + 25 (register) + 0 + 0 + 8
        Assert.Equal(RiskTier.Medium, result.Tier);
        Assert.DoesNotContain(result.Reasons, r => r.IsFloor);
    }

    [Fact]
    public void A_downtime_tolerance_of_4_hours_or_less_is_at_least_medium()
    {
        var result = InherentRiskCalculator.Calculate(Input(data: DataCategories.NoPatientData, records: 0, downtimeHours: 2));

        Assert.Equal(12, result.Score);
        Assert.Equal(RiskTier.Low, result.ScoreTier);
        Assert.Equal(RiskTier.Medium, result.Tier);
        Assert.Equal([2L], ReasonOf(result, Codes.FloorLowDowntimeTolerance).Arguments);
    }

    public static TheoryData<InherentRiskInput> Examples => new()
    {
        Input(data: MediBoardData, records: 750_000, access: VendorAccess.Privileged, hosting: HostingModel.HdsCertifiedHost, downtimeHours: 4, accounts: 1, shared: 1, withoutMfa: 1),
        Input(data: DataCategories.NoPatientData, records: 0, hosting: HostingModel.HdsCertifiedHost),
        Input(data: DataCategories.HealthInsurance, records: 20_000, access: VendorAccess.PermanentRemote, hosting: HostingModel.VendorCloud, downtimeHours: 48, accounts: 2, withoutMfa: 1),
        Input(),
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_points_of_the_reasons_add_up_to_the_score(InherentRiskInput input)
    {
        var result = InherentRiskCalculator.Calculate(input);

        Assert.InRange(result.Score, 0, 100);
        Assert.Equal(result.Score, result.Reasons.Sum(r => r.Points));
        Assert.True(result.Tier >= result.ScoreTier);
        Assert.All(result.Reasons, r => Assert.StartsWith("InherentRisk.", r.ResourceKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DataCategories.NoPatientData | DataCategories.Identity, 0)]
    [InlineData(DataCategories.NoPatientData, 10)]
    [InlineData(DataCategories.None, 0)]
    [InlineData(DataCategories.Clinical, -1)]
    public void An_incoherent_data_inventory_is_refused(DataCategories data, long records) =>
        Assert.ThrowsAny<ArgumentException>(() => InherentRiskCalculator.Calculate(Input(data: data, records: records)));

    private static RiskReason ReasonOf(InherentRiskInput input, string codePrefix) =>
        ReasonOf(InherentRiskCalculator.Calculate(input), codePrefix);

    private static RiskReason ReasonOf(InherentRiskResult result, string codePrefix) =>
        Assert.Single(result.Reasons, r => r.Code.StartsWith(codePrefix, StringComparison.Ordinal));
}
