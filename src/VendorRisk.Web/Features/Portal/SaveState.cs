namespace VendorRisk.Web.Features.Portal;

/// <summary>The autosave state of one answer, shown next to it.</summary>
public enum SaveState
{
    Idle = 0,
    Saving = 1,
    Saved = 2,
    Failed = 3,
    Conflict = 4,
}
