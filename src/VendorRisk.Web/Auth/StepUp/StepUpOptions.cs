namespace VendorRisk.Web.Auth.StepUp;

/// <summary>How long a step-up re-authentication stays valid (<c>Security:StepUp:FreshForMinutes</c>, default 5).</summary>
public sealed class StepUpOptions
{
    public const string SectionName = "Security:StepUp";

    public int FreshForMinutes { get; set; } = 5;

    public TimeSpan FreshFor => TimeSpan.FromMinutes(Math.Clamp(FreshForMinutes, 1, 60));
}
