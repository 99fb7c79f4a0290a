namespace VendorRisk.Domain.Vendors.Contracts;

public enum ContractType
{
    MainContract = 1,

    /// <summary>Data processing agreement under GDPR art. 28.</summary>
    DataProcessingAgreement = 2,
    SecurityAnnex = 3,

    /// <summary>The clause required by the French health data hosting (HDS) rules.</summary>
    HdsClause = 4,
}

/// <summary>The security clauses a hospital expects to find in its vendor contracts.</summary>
[Flags]
public enum SecurityClauses
{
    None = 0,

    /// <summary>The vendor notifies a breach within a stated number of hours.</summary>
    BreachNotification = 1,
    AuditRight = 2,
    MfaForRemoteAccess = 4,
    DataLocationInEea = 8,
    SubProcessorApproval = 16,
    DataReturnOrDestruction = 32,
    Encryption = 64,
}
