using VendorRisk.Domain.Organisations;

namespace VendorRisk.Domain.Tests.Organisations;

public sealed class OrganisationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void A_new_organisation_stores_its_creation_time_in_utc()
    {
        var hospital = new Organisation("  CHU Demo ", OrganisationKind.Hospital, Now);

        Assert.Equal("CHU Demo", hospital.Name);
        Assert.Equal(TimeSpan.Zero, hospital.CreatedAtUtc.Offset);
        Assert.Equal(Now, hospital.CreatedAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_refused(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => new Organisation(name, OrganisationKind.Vendor, Now));

    [Fact]
    public void A_name_longer_than_the_limit_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Organisation(new string('x', Organisation.NameMaxLength + 1), OrganisationKind.Vendor, Now));

    [Fact]
    public void An_unknown_kind_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Organisation("X", (OrganisationKind)99, Now));

    [Fact]
    public void A_membership_belongs_to_its_organisation()
    {
        var hospital = new Organisation("CHU Demo", OrganisationKind.Hospital, Now);
        var membership = new Membership(hospital, "user-1", OrganisationRole.Ciso, Now);

        Assert.Equal(hospital.Id, membership.TenantId);
        Assert.Equal(OrganisationRole.Ciso, membership.Role);
    }

    [Theory]
    [InlineData(OrganisationKind.Hospital, OrganisationRole.VendorAdmin)]
    [InlineData(OrganisationKind.Hospital, OrganisationRole.VendorContributor)]
    [InlineData(OrganisationKind.Vendor, OrganisationRole.Ciso)]
    [InlineData(OrganisationKind.Vendor, OrganisationRole.Administrator)]
    public void A_role_of_the_other_side_is_refused(OrganisationKind kind, OrganisationRole role)
    {
        var organisation = new Organisation("Org", kind, Now);
        Assert.Throws<ArgumentException>(() => new Membership(organisation, "user-1", role, Now));
    }

    [Fact]
    public void Changing_a_role_to_one_of_the_other_side_is_refused()
    {
        var vendor = new Organisation("Helios", OrganisationKind.Vendor, Now);
        var membership = new Membership(vendor, "user-1", OrganisationRole.VendorContributor, Now);

        membership.ChangeRole(vendor.Kind, OrganisationRole.VendorAdmin);
        Assert.Throws<ArgumentException>(() => membership.ChangeRole(vendor.Kind, OrganisationRole.Auditor));
        Assert.Equal(OrganisationRole.VendorAdmin, membership.Role);
    }

    [Fact]
    public void Every_role_belongs_to_exactly_one_side()
    {
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var sides = Enum.GetValues<OrganisationKind>().Count(kind => OrganisationRoles.IsValidFor(kind, role));
            Assert.Equal(1, sides);
            Assert.True(OrganisationRoles.IsValidFor(OrganisationRoles.SideOf(role), role));
        }
    }
}
