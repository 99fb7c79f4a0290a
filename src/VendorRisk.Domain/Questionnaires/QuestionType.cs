namespace VendorRisk.Domain.Questionnaires;

public enum QuestionType
{
    /// <summary>Options "yes" and "no".</summary>
    YesNo = 1,

    /// <summary>Options "yes", "partial", "no" and "na" (not applicable, excluded from scoring by default).</summary>
    YesNoPartialNa = 2,
    SingleChoice = 3,
    MultipleChoice = 4,

    /// <summary>Informational: never scored.</summary>
    FreeText = 5,

    /// <summary>A number with a unit and an allowed range; scored through score bands when it has some.</summary>
    Number = 6,

    /// <summary>Informational: never scored.</summary>
    Date = 7,

    /// <summary>One or more evidence documents of the requested types.</summary>
    EvidenceRequest = 8,
}

public enum EvidenceType
{
    Iso27001Certificate = 1,
    HdsCertificate = 2,
    Soc2Report = 3,
    PenetrationTestSummary = 4,
    Policy = 5,
    ProcedureOrPlan = 6,
    InsuranceCertificate = 7,
    SoftwareBillOfMaterials = 8,
    Other = 9,
}

public enum TemplateVersionStatus
{
    Draft = 1,
    Published = 2,
    Retired = 3,
}
