using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Audit;
using VendorRisk.Domain.Organisations;
using VendorRisk.Infrastructure.Audit;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.IntegrationTests.Infrastructure;
using VendorRisk.IntegrationTests.Vendors;
using VendorRisk.Web.Features.Audit;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.IntegrationTests.Audit;

/// <summary>The audit log on the real database of each provider: capture, chain, triggers, tampering, concurrency.</summary>
[Collection(SharedApps.Name)]
public sealed class AuditLogTests(AppFixture apps)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_sign_in_is_appended_to_the_chain_of_the_users_organisation_with_actor_and_request(DatabaseProvider provider)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var user = await app.CreateUserAsync(organisation, OrganisationRole.Ciso, displayName: "Camille Ciso");
        using var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTest/1.0");

        await client.SignInAsync(user);

        var chain = await app.ChainAsync(organisation.Id);
        var signIn = Assert.Single(chain, e => e.Action == "Security.SignInSucceeded");
        Assert.Equal(user.Id, signIn.ActorUserId);
        Assert.Null(signIn.ActorName); // the chain names the account by id; the name is kept apart, erasable (ADR 0013)
        Assert.Equal("Camille Ciso", await app.ActorNameAsync(user.Id));
        Assert.Equal(("User", user.Id), (signIn.TargetType, signIn.TargetId));
        Assert.Equal("AuditTest/1.0", signIn.UserAgent);
        Assert.False(string.IsNullOrEmpty(signIn.CorrelationId));
        Assert.Contains(signIn.ChangedFields, f => f.Field == "Detail" && f.NewValue == "password + authenticator");
        Assert.True((await app.VerifyAsync(organisation.Id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_failed_sign_in_for_an_unknown_account_goes_to_the_platform_chain(DatabaseProvider provider)
    {
        var app = apps[provider];
        var email = $"nobody-{Guid.NewGuid():N}@test.example";
        using var client = app.CreateBrowserLikeClient();

        using var response = await client.PostLoginAsync(email, "Wrong-password-123");

        var platform = await app.ChainAsync(AuditChain.PlatformChain);
        var failure = Assert.Single(platform, e => e.TargetId == email);
        Assert.Equal("Security.SignInFailed", failure.Action);
        Assert.True((await app.VerifyAsync(AuditChain.PlatformChain)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_vendor_change_is_recorded_with_its_changed_fields_old_and_new(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await using var scope = app.ScopeFor(hospital.Procurement);
        var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
        var id = Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "Helios Santé", CountryCode = "FR" }, Ct));
        var vendor = (await service.GetVendorAsync(id, Ct))!;

        Register.Succeeded(await service.UpdateVendorAsync(id, new VendorForm { LegalName = "Helios Santé SAS", CountryCode = "FR", ConcurrencyToken = vendor.ConcurrencyToken }, Ct));

        var chain = await app.ChainAsync(hospital.Organisation.Id);
        var created = Assert.Single(chain, e => e.Action == "Vendor.Created");
        Assert.Equal(id.ToString(), created.TargetId);
        Assert.Contains(created.ChangedFields, f => f == new AuditFieldChange("LegalName", null, "Helios Santé"));
        var changed = Assert.Single(chain, e => e.Action == "Vendor.Changed");
        Assert.Equal(hospital.Procurement.Id, changed.ActorUserId);
        var field = Assert.Single(changed.ChangedFields);
        Assert.Equal(new AuditFieldChange("LegalName", "Helios Santé", "Helios Santé SAS"), field);
        Assert.DoesNotContain(chain.SelectMany(e => e.ChangedFields), f => f.Field is "ConcurrencyToken" or "TenantId");
        Assert.True((await app.VerifyAsync(hospital.Organisation.Id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_deleted_record_is_recorded_with_its_last_values_and_a_refused_save_records_nothing(DatabaseProvider provider)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var member = await app.CreateUserAsync(organisation, OrganisationRole.Dpo);
        await using var scope = app.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>();
        Guid membershipId;
        await using (var db = contexts.CreateForTenant(organisation.Id))
        {
            var membership = await db.Memberships.SingleAsync(m => m.UserId == member.Id, Ct);
            membershipId = membership.Id;
            db.Memberships.Remove(membership);
            await db.SaveChangesAsync(Ct);
        }

        var before = (await app.ChainAsync(organisation.Id)).Count;
        await using (var db = contexts.CreateForTenant(organisation.Id))
        {
            // The same user twice in one organisation breaks a unique index: the save fails.
            db.Memberships.Add(new Membership(organisation, member.Id, OrganisationRole.Dpo, DateTimeOffset.UtcNow));
            db.Memberships.Add(new Membership(organisation, member.Id, OrganisationRole.Auditor, DateTimeOffset.UtcNow));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        var chain = await app.ChainAsync(organisation.Id);
        var deleted = Assert.Single(chain, e => e.Action == "Membership.Deleted");
        Assert.Equal(membershipId.ToString(), deleted.TargetId);
        Assert.Contains(deleted.ChangedFields, f => f == new AuditFieldChange("Role", "Dpo", null));
        Assert.Contains(deleted.ChangedFields, f => f == new AuditFieldChange("UserId", member.Id, null));
        Assert.Equal(before, chain.Count);
        Assert.True((await app.VerifyAsync(organisation.Id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Secret_values_are_never_written_to_the_log_only_that_the_field_was_set(DatabaseProvider provider)
    {
        var app = apps[provider];
        var organisation = await app.CreateOrganisationAsync(OrganisationKind.Hospital);
        var admin = await app.CreateUserAsync(organisation, OrganisationRole.Administrator);
        const string tokenHash = "5f4dcc3b5aa765d61d8327deb882cf99-secret-token-hash";
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(organisation.Id))
        {
            db.Invitations.Add(new Invitation(organisation, "new.person@test.example", OrganisationRole.Dpo, tokenHash, admin.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        var chain = await app.ChainAsync(organisation.Id);
        var invitation = Assert.Single(chain, e => e.Action == "Invitation.Created");
        Assert.Contains(invitation.ChangedFields, f => f.Field == "TokenHash" && f.Redacted && f.NewValue is null);
        Assert.Contains(invitation.ChangedFields, f => f.Field == "Email" && f.NewValue == "new.person@test.example");
        Assert.DoesNotContain(chain, e => (e.Changes ?? string.Empty).Contains(tokenHash, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_database_refuses_to_update_or_delete_audit_rows(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 2);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateSystemContext();

        var update = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"ActorName\" = 'Mallory' WHERE \"TenantId\" = {chain}", Ct));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEvents\" WHERE \"TenantId\" = {chain}", Ct));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);

        var tracked = await db.AuditEvents.IgnoreQueryFilters([TenantModelConventions.FilterName]).FirstAsync(e => e.TenantId == chain, Ct);
        db.AuditEvents.Remove(tracked);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        Assert.Equal(2, (await app.ChainAsync(chain)).Count);
        Assert.True((await app.VerifyAsync(chain)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_modified_row_is_reported_as_the_first_broken_link(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 5);

        Assert.Equal(1, await app.TamperAsync($"UPDATE \"AuditEvents\" SET \"ActorName\" = 'Mallory' WHERE \"TenantId\" = {chain} AND \"Sequence\" = 3"));

        var result = await app.VerifyAsync(chain);
        Assert.Equal(3, result.FirstBreak?.Sequence);
        Assert.Equal(AuditBreakKind.Modified, result.FirstBreak?.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_deleted_row_is_reported_as_a_gap_at_its_position(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 5);

        Assert.Equal(1, await app.TamperAsync($"DELETE FROM \"AuditEvents\" WHERE \"TenantId\" = {chain} AND \"Sequence\" = 2"));

        var result = await app.VerifyAsync(chain);
        Assert.Equal(2, result.FirstBreak?.Sequence);
        Assert.Equal(AuditBreakKind.Missing, result.FirstBreak?.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Reordered_rows_are_reported_at_the_first_moved_row(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 5);

        Assert.Equal(3, await app.TamperAsync(
            $"UPDATE \"AuditEvents\" SET \"Sequence\" = 1000 WHERE \"TenantId\" = {chain} AND \"Sequence\" = 3",
            $"UPDATE \"AuditEvents\" SET \"Sequence\" = 3 WHERE \"TenantId\" = {chain} AND \"Sequence\" = 4",
            $"UPDATE \"AuditEvents\" SET \"Sequence\" = 4 WHERE \"TenantId\" = {chain} AND \"Sequence\" = 1000"));

        var result = await app.VerifyAsync(chain);
        Assert.Equal(3, result.FirstBreak?.Sequence);
        Assert.Equal(AuditBreakKind.Modified, result.FirstBreak?.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_row_relinked_to_a_forged_previous_hash_is_reported(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 4);

        // A forged row with a correct hash of its own content, but pointing at a made-up predecessor.
        var original = (await app.ChainAsync(chain))[1];
        var forgedPrevious = new string('b', 64);
        var forged = new AuditEvent(chain, 2, forgedPrevious, new AuditRecord(original.OccurredAtUtc, original.ActorUserId, original.ActorName, original.Action, original.TargetType, original.TargetId, original.ChangedFields, original.IpAddress, original.UserAgent, original.CorrelationId));
        Assert.Equal(1, await app.TamperAsync($"UPDATE \"AuditEvents\" SET \"PreviousHash\" = {forgedPrevious}, \"Hash\" = {forged.Hash} WHERE \"TenantId\" = {chain} AND \"Sequence\" = 2"));

        var result = await app.VerifyAsync(chain);
        Assert.Equal(2, result.FirstBreak?.Sequence);
        Assert.Equal(AuditBreakKind.BrokenLink, result.FirstBreak?.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task A_deleted_tail_is_caught_against_the_head_exported_outside_the_database(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 5);
        var heads = new AuditHeadFile(Path.Combine(app.Database.Directory, $"heads-{Guid.NewGuid():N}.log"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var current = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().CurrentHeadsAsync(DateTimeOffset.UtcNow, Ct);
            heads.Append(current.Where(h => h.Chain == chain));
        }

        Assert.Equal(2, await app.TamperAsync($"DELETE FROM \"AuditEvents\" WHERE \"TenantId\" = {chain} AND \"Sequence\" >= 4"));

        Assert.True((await app.VerifyAsync(chain)).IsIntact, "Without the exported head a cut tail leaves a valid shorter chain.");
        var result = await app.VerifyAsync(chain, heads);
        Assert.Equal(4, result.FirstBreak?.Sequence);
        Assert.Equal(AuditBreakKind.Truncated, result.FirstBreak?.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_head_export_writes_each_grown_chain_once(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        await app.AppendAsync(chain, 3);
        var exporter = app.Services.GetRequiredService<AuditHeadExporter>();
        var file = app.Services.GetRequiredService<AuditHeadFile>();

        await exporter.ExportOnceAsync(Ct);
        var head = file.ReadLastHeads()[chain];
        await exporter.ExportOnceAsync(Ct);

        Assert.Equal(3, head.Sequence);
        Assert.Equal((await app.ChainAsync(chain))[^1].Hash, head.Hash);
        Assert.Single(await File.ReadAllLinesAsync(file.Path, Ct), l => l.Contains(chain.ToString(), StringComparison.Ordinal));
        Assert.StartsWith(Path.GetFullPath(app.Database.Directory), file.Path, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Parallel_appends_to_one_chain_never_fork_it(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => app.AppendAsync(chain, 5), Ct)));

        var entries = await app.ChainAsync(chain);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), entries.Select(e => e.Sequence));
        var result = await app.VerifyAsync(chain);
        Assert.True(result.IsIntact, result.FirstBreak?.Detail);
        Assert.Equal(40, result.Entries);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Two_app_nodes_group_committing_to_one_chain_never_fork_it_and_keep_each_callers_records_together(DatabaseProvider provider)
    {
        var app = apps[provider];
        var chain = Guid.NewGuid();
        // A second node: its own writer (own queues) on the same database; only the primary key settles their races.
        var nodes = new[] { app.Services.GetRequiredService<AuditChainWriter>(), new AuditChainWriter(app.Services.GetRequiredService<IServiceScopeFactory>()) };

        await Task.WhenAll(Enumerable.Range(0, 24).Select(caller => Task.Run(
            () => nodes[caller % 2].AppendAsync([.. Enumerable.Range(0, 3).Select(i => (chain, Record($"caller-{caller}", i)))], Ct), Ct)));

        var entries = await app.ChainAsync(chain);
        Assert.Equal(Enumerable.Range(1, 72).Select(i => (long)i), entries.Select(e => e.Sequence));
        var result = await app.VerifyAsync(chain);
        Assert.True(result.IsIntact, result.FirstBreak?.Detail);
        foreach (var caller in entries.GroupBy(e => e.TargetType))
        {
            // One caller's records are consecutive and in their order, whatever batch they were committed in.
            var sequences = caller.Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range((int)sequences[0], 3).Select(i => (long)i), sequences);
            Assert.Equal(["0", "1", "2"], caller.Select(e => e.TargetId));
        }
    }

    [Fact]
    public async Task A_record_the_database_refuses_fails_only_its_own_caller_not_the_saves_committed_with_it()
    {
        // PostgreSQL refuses a NUL character in text; SQLite stores it, so this runs on PostgreSQL.
        var app = apps[DatabaseProvider.Postgres];
        var chain = Guid.NewGuid();
        var writer = app.Services.GetRequiredService<AuditChainWriter>();

        var appends = Enumerable.Range(0, 20)
            .Select(caller => Task.Run(() => writer.AppendAsync(chain, Record(caller == 7 ? "bad\0caller" : $"caller-{caller}", 0), Ct), Ct))
            .ToList();
        var outcome = await Task.WhenAll(appends.Select(async t =>
        {
            try
            {
                await t;
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        }));

        Assert.Equal(19, outcome.Count(ok => ok));
        Assert.False(outcome[7]);
        var entries = await app.ChainAsync(chain);
        Assert.Equal(Enumerable.Range(1, 19).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.DoesNotContain(entries, e => e.TargetType!.StartsWith("bad", StringComparison.Ordinal));
        Assert.True((await app.VerifyAsync(chain)).IsIntact);
    }

    private static AuditRecord Record(string caller, int index) => new(
        DateTimeOffset.UtcNow, "tester", "Test runner", "Test.Batched", caller, index.ToString(System.Globalization.CultureInfo.InvariantCulture), [], "192.0.2.1", "tests", null);

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_csv_export_holds_the_filtered_events_and_is_itself_audited(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        var formulaName = await app.CreateUserAsync(hospital.Organisation, OrganisationRole.Procurement, displayName: "=HYPERLINK(\"http://evil\")");
        await using (var scope = await app.ScopeForAsync(formulaName))
        {
            var service = scope.ServiceProvider.GetRequiredService<VendorRegisterService>();
            Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "Helios", CountryCode = "FR" }, Ct));
            Register.Succeeded(await service.CreateVendorAsync(new VendorForm { LegalName = "BioLab", CountryCode = "FR" }, Ct));
        }

        using var client = app.CreateBrowserLikeClient();
        await client.SignInAsync(hospital.Auditor);
        using var response = await client.GetAsync(new Uri("/audit/export.csv?action=vendor.created", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // header + two vendors, no sign-in or product rows
        Assert.All(lines.Skip(1), l => Assert.Contains("\"Vendor.Created\"", l, StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[1], StringComparison.Ordinal); // a formula is defused
        var exported = Assert.Single(await app.ChainAsync(hospital.Organisation.Id), e => e.Action == "AuditLog.Exported");
        Assert.Equal(hospital.Auditor.Id, exported.ActorUserId);
        Assert.Contains(exported.ChangedFields, f => f == new AuditFieldChange("Rows", null, "2"));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task The_page_service_searches_pages_and_verifies_the_users_own_chain(DatabaseProvider provider)
    {
        var app = apps[provider];
        var hospital = await Hospital.CreateAsync(app);
        await app.AppendAsync(hospital.Organisation.Id, 30, "Test.Paged");
        await using var scope = app.ScopeFor(hospital.Ciso);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLogService>();

        var first = await audit.SearchAsync(new AuditQuery(Action: "test.paged"), 0, 25, Ct);
        var second = await audit.SearchAsync(new AuditQuery(Action: "test.paged"), 1, 25, Ct);
        var none = await audit.SearchAsync(new AuditQuery(Action: "test.paged", FromUtc: DateTimeOffset.UtcNow.AddDays(1)), 0, 25, Ct);
        var byActor = await audit.SearchAsync(new AuditQuery(Actor: "TEST RUNNER", Target: "thing-7"), 0, 25, Ct);

        Assert.Equal(30, first.Total);
        Assert.Equal(25, first.Items.Count);
        Assert.Equal(5, second.Items.Count);
        Assert.True(first.Items[0].Sequence > first.Items[^1].Sequence, "Newest first.");
        Assert.Equal(0, none.Total);
        Assert.Equal("thing-7", Assert.Single(byActor.Items).TargetId);
        var verification = await audit.VerifyAsync(Ct);
        Assert.True(verification.IsIntact);
        Assert.Equal(hospital.Organisation.Id, verification.Chain);
        Assert.Equal((await app.ChainAsync(hospital.Organisation.Id)).Count, verification.Entries);
    }
}
