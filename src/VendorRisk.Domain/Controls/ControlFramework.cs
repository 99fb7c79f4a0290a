namespace VendorRisk.Domain.Controls;

/// <summary>A framework of the catalogue (NIST CSF 2.0, ISO/IEC 27001:2022 Annex A, HDS v2, NIS2, HIPAA).</summary>
public sealed record ControlFramework(string Id, string Name, int ControlCount);
