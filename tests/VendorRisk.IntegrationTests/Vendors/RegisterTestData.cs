using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Vendors;
using VendorRisk.Domain.Vendors.Contracts;
using VendorRisk.Domain.Vendors.Engagements;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Vendors;

/// <summary>A hospital with users of every hospital role and, once filled, a complete register.</summary>
internal sealed record Hospital(Organisation Organisation, TestUser Procurement, TestUser Ciso, TestUser Auditor, TestUser Dpo)
{
    public static async Task<Hospital> CreateAsync(VendorRiskAppFactory app)
    {
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        return new Hospital(
            organisation,
            await app.CreateUserAsync(organisation, OrganisationRole.Procurement),
            await app.CreateUserAsync(organisation, OrganisationRole.Ciso),
            await app.CreateUserAsync(organisation, OrganisationRole.Auditor),
            await app.CreateUserAsync(organisation, OrganisationRole.Dpo));
    }
}

/// <summary>The ids of a register built through the service: a vendor with a sub-processor, a product, an engagement with an account, a contract and an override.</summary>
internal sealed record Register(Guid VendorId, Guid SubProcessorId, Guid ProductId, Guid EngagementId, Guid AccountId, Guid ContractId, string VendorName)
{
    public static EngagementForm MediBoardForm() => new()
    {
        BusinessOwner = "Dr Garnier",
        StartsOn = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        Hosting = HostingModel.HdsCertifiedHost,
        HdsCertificateNumber = "HDS-2023-0117",
        DataCategories = [DataCategories.Clinical, DataCategories.Prescriptions, DataCategories.Identity],
        PatientRecordCount = 750_000,
        VendorAccess = VendorAccess.Privileged,
        DowntimeToleranceHours = 4,
        Establishments = "Hôpital Nord\nHôpital Sud",
        IntegrationPoints = "HL7 ADT",
    };

    public static async Task<Register> CreateAsync(VendorRiskAppFactory app, Hospital hospital)
    {
        var name = $"Helios {Guid.NewGuid():N}"[..20];
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        var host = Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = $"Host of {name}", CountryCode = "FR" }));
        var vendor = Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = name, CountryCode = "FR", RegistrationNumber = "853 124 678 00014", SubProcessorIds = [host] }));
        var product = Succeeded(await service.CreateProductAsync(vendor, new ProductForm { Name = "Helios DPI", Category = ProductCategory.ElectronicPatientRecord }));
        var engagement = Succeeded(await service.CreateEngagementAsync(product, MediBoardForm()));

        var details = (await service.GetEngagementAsync(engagement))!;
        Succeeded(await service.AddPrivilegedAccountAsync(engagement, new PrivilegedAccountForm { HolderKind = AccountHolderKind.SharedAccount, Holder = "helios-support", AccessPath = AccessPath.Vpn, MfaEnabled = false, NextReviewDue = new DateTime(2030, 1, 1) }, details.Engagement.ConcurrencyToken));
        details = (await service.GetEngagementAsync(engagement))!;
        Succeeded(await service.AddContractAsync(engagement, new ContractForm { Type = ContractType.DataProcessingAgreement, Title = "DPA", PresentClauses = [SecurityClauses.AuditRight] }, details.Engagement.ConcurrencyToken));
        details = (await service.GetEngagementAsync(engagement))!;
        await using (var ciso = app.ScopeFor(hospital.Ciso))
        {
            Succeeded(await ciso.ServiceProvider.GetRequiredService<VendorRegisterService>()
                .OverrideTierAsync(engagement, Domain.Vendors.Tiering.RiskTier.High, "Compensating controls audited on site", details.Engagement.ConcurrencyToken));
        }

        return new Register(vendor, host, product, engagement, details.Engagement.PrivilegedAccounts[0].Id, details.Engagement.Contracts[0].Id, name);
    }

    public static Guid Succeeded(RegisterResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Id ?? Guid.Empty;
    }
}
