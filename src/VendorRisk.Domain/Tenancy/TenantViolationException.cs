namespace VendorRisk.Domain.Tenancy;

/// <summary>Raised when code tries to read or write across tenants. Never caught to carry on.</summary>
public sealed class TenantViolationException : InvalidOperationException
{
    public TenantViolationException()
    {
    }

    public TenantViolationException(string message)
        : base(message)
    {
    }

    public TenantViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
