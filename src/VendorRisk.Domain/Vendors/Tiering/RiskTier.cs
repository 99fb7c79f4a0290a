namespace VendorRisk.Domain.Vendors.Tiering;

/// <summary>How hard an engagement's vendor must be assessed. The numeric order is used: higher is riskier.</summary>
public enum RiskTier
{
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
