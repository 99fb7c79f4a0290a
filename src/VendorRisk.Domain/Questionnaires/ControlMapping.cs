namespace VendorRisk.Domain.Questionnaires;

/// <summary>A question's link to a control of the catalogue (e.g. nist-csf-2.0 / PR.AA-03).</summary>
public sealed record ControlMapping
{
    public ControlMapping(string framework, string controlId)
    {
        if (string.IsNullOrWhiteSpace(framework) || string.IsNullOrWhiteSpace(controlId))
        {
            throw QuestionnaireErrors.Invalid("ControlIncomplete", "A control mapping names a framework and a control id.");
        }
        Framework = framework;
        ControlId = controlId;
    }

    public string Framework { get; init; }

    public string ControlId { get; init; }
}
