namespace VendorRisk.Domain.Controls;

/// <summary>
/// One control or requirement of a framework. <see cref="Name"/> and <see cref="Description"/> are
/// empty for ISO/IEC 27001:2022, whose texts may not be shipped.
/// </summary>
public sealed record Control(
    string Framework,
    string Id,
    string? ParentId,
    int Level,
    string Name,
    string Description);
