using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Domain.Tests.Tenancy;

public sealed class TenantGuardTests
{
    private static readonly Guid TenantA = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid TenantB = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");

    [Fact]
    public void Assign_to_a_new_record_returns_the_requested_tenant() =>
        Assert.Equal(TenantA, TenantGuard.Assign(Guid.Empty, TenantA));

    [Fact]
    public void Assign_the_same_tenant_again_is_idempotent() =>
        Assert.Equal(TenantA, TenantGuard.Assign(TenantA, TenantA));

    [Fact]
    public void Assign_another_tenant_to_an_owned_record_is_refused()
    {
        var ex = Assert.Throws<TenantViolationException>(() => TenantGuard.Assign(TenantA, TenantB));
        Assert.Contains(TenantA.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_an_empty_tenant_is_refused() =>
        Assert.Throws<ArgumentException>(() => TenantGuard.Assign(Guid.Empty, Guid.Empty));

    [Fact]
    public void EnsureCanWrite_in_the_record_tenant_passes() =>
        TenantGuard.EnsureCanWrite(TenantA, TenantA);

    [Fact]
    public void EnsureCanWrite_a_record_of_another_tenant_is_refused() =>
        Assert.Throws<TenantViolationException>(() => TenantGuard.EnsureCanWrite(TenantA, TenantB));

    [Theory]
    [InlineData(null)]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void EnsureCanWrite_without_a_current_tenant_is_refused(string? acting) =>
        Assert.Throws<TenantViolationException>(() =>
            TenantGuard.EnsureCanWrite(TenantA, acting is null ? null : Guid.Parse(acting)));

    [Fact]
    public void EnsureCanWrite_a_new_record_while_acting_for_a_tenant_passes() =>
        TenantGuard.EnsureCanWrite(Guid.Empty, TenantB);

    [Fact]
    public void A_tenant_owned_entity_keeps_its_first_tenant()
    {
        var entity = new SampleEntity();
        entity.AssignTenant(TenantA);

        Assert.Throws<TenantViolationException>(() => entity.AssignTenant(TenantB));
        Assert.Equal(TenantA, entity.TenantId);
    }

    [Fact]
    public void TenantExempt_requires_a_reason() =>
        Assert.Throws<ArgumentException>(() => new TenantExemptAttribute(" "));

    private sealed class SampleEntity : TenantOwnedEntity;
}
