namespace VendorRisk.Web.Api;

/// <summary>The OAuth scopes of the VendorRisk API.</summary>
public static class ApiScopes
{
    public const string Read = "vendorrisk.read";
    public const string Write = "vendorrisk.write";

    public static IReadOnlyList<string> All { get; } = [Read, Write];
}

/// <summary>Claims our OpenID Connect server adds to tokens, besides the vr:org family of the cookie.</summary>
public static class ApiClaimTypes
{
    /// <summary>"client" for a client-credentials token, "user" for a token obtained by a signed-in user.</summary>
    public const string Actor = "vr:actor";
    public const string ActorClient = "client";
    public const string ActorUser = "user";
}

/// <summary>Named policies of the API (bearer tokens of our OpenID Connect server, never the cookie).</summary>
public static class ApiPolicies
{
    public const string VendorRead = "Api.VendorRead";

    public static IReadOnlyList<string> All { get; } = [VendorRead];
}
