using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using VendorRisk.Domain.Tenancy;

namespace VendorRisk.Infrastructure.Persistence;

/// <summary>
/// Applies tenant isolation to the model: every <see cref="ITenantOwned"/> entity gets the named
/// query filter <see cref="FilterName"/>, an index on its tenant column, and the annotation
/// <see cref="TenantOwnedAnnotation"/>; every entity marked <see cref="TenantExemptAttribute"/>
/// (or listed in <see cref="MarkExempt"/>) gets <see cref="TenantExemptAnnotation"/>.
/// The architecture test fails for any entity that has neither annotation.
/// </summary>
public static class TenantModelConventions
{
    public const string FilterName = "Tenant";
    public const string TenantOwnedAnnotation = "VendorRisk:TenantOwned";
    public const string TenantExemptAnnotation = "VendorRisk:TenantExempt";

    private static readonly PropertyInfo CurrentTenantProperty =
        typeof(VendorRiskDbContext).GetProperty(nameof(VendorRiskDbContext.CurrentTenantId), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo ApplyFilterMethod =
        typeof(TenantModelConventions).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Marks entities whose types the application does not own (ASP.NET Core Identity's tables,
    /// later OpenIddict's) as shared across tenants, with the reason.
    /// </summary>
    public static void MarkExempt(ModelBuilder builder, string reason, params Type[] entityTypes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        foreach (var type in entityTypes)
        {
            var entityType = builder.Model.FindEntityType(type)
                ?? throw new InvalidOperationException($"{type.Name} is not in the model: remove it from the exemptions.");
            entityType.SetAnnotation(TenantExemptAnnotation, reason);
        }
    }

    internal static void Apply(ModelBuilder builder, VendorRiskDbContext context)
    {
        foreach (var entityType in builder.Model.GetEntityTypes().Where(e => e.BaseType is null).ToList())
        {
            var clrType = entityType.ClrType;
            if (typeof(ITenantOwned).IsAssignableFrom(clrType))
            {
                ApplyFilterMethod.MakeGenericMethod(clrType).Invoke(null, [builder, context]);
                continue;
            }

            var exempt = clrType.GetCustomAttribute<TenantExemptAttribute>(inherit: false);
            if (exempt is not null)
            {
                entityType.SetAnnotation(TenantExemptAnnotation, exempt.Reason);
            }
        }
    }

    /// <summary>True when the entity is filtered by tenant (owned) or explicitly exempt.</summary>
    public static bool HasTenantDecision(IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);

        // An owned type (a JSON column, a value object) is stored in its owner's row.
        while (entityType.FindOwnership() is { } ownership)
        {
            entityType = ownership.PrincipalEntityType;
        }

        var root = entityType.GetRootType();
        return root.FindAnnotation(TenantOwnedAnnotation) is not null
            || root.FindAnnotation(TenantExemptAnnotation) is not null;
    }

    private static void ApplyTenantFilter<T>(ModelBuilder builder, VendorRiskDbContext context)
        where T : class, ITenantOwned
    {
        // e => (Guid?)e.TenantId == context.CurrentTenantId, with the context as a constant so EF
        // Core re-reads CurrentTenantId from the executing context instance on every query.
        // A null current tenant matches no row: an unauthenticated or organisation-less caller
        // reads nothing rather than everything.
        var row = Expression.Parameter(typeof(T), "e");
        var filter = Expression.Lambda<Func<T, bool>>(
            Expression.Equal(
                Expression.Convert(Expression.Property(row, typeof(T).GetProperty(nameof(ITenantOwned.TenantId))!), typeof(Guid?)),
                Expression.Property(Expression.Constant(context), CurrentTenantProperty)),
            row);
        var entity = builder.Entity<T>();
        entity.HasQueryFilter(FilterName, filter);
        entity.HasIndex(e => e.TenantId);
        entity.HasAnnotation(TenantOwnedAnnotation, true);
    }
}
