namespace VendorRisk.Domain.Vendors;

public enum ProductCategory
{
    /// <summary>Electronic patient record (dossier patient informatisé, DPI).</summary>
    ElectronicPatientRecord = 1,
    Pacs = 2,
    LaboratorySystem = 3,
    Pharmacy = 4,
    Billing = 5,
    Scheduling = 6,
    MedicalDevice = 7,
    InfrastructureHosting = 8,
    Other = 99,
}
