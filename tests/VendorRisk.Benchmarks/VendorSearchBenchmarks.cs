using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Domain.Organisations;
using VendorRisk.Domain.Vendors;
using VendorRisk.Infrastructure.Persistence;
using VendorRisk.Web.Features.Vendors;

namespace VendorRisk.Benchmarks;

/// <summary>
/// The vendor list as the page asks for it (search, count, highest tier, one page of 25) over a
/// register of several thousand vendors, through VendorRegisterService on SQLite.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(10)]
public class VendorSearchBenchmarks
{
    private static readonly string[] Words = ["Hôpital", "Société", "Santé", "Imagerie", "Biolab", "Numérique", "Clinique", "Œuvre", "Médical", "Logiciels"];

    private BenchmarkApp _app = null!;

    [Params(5_000)]
    public int Vendors { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _app = await BenchmarkApp.StartAsync();
        await using var scope = _app.App.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateForTenant(_app.HospitalId);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Vendors; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{Words[i % Words.Length]} {Words[(i / 10) % Words.Length]} {i:D5}");
            db.Vendors.Add(new Vendor(_app.HospitalId, name, i % 3 == 0 ? "DE" : "BE", string.Create(CultureInfo.InvariantCulture, $"REG-{i:D6}"), now));
        }

        await db.SaveChangesAsync();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _app.DisposeAsync();

    [Benchmark(Baseline = true, Description = "first page, no search")]
    public Task<int> FirstPageAsync() => ListAsync(new VendorQuery());

    [Benchmark(Description = "accent-insensitive search 'hopital sante'")]
    public Task<int> SearchAsync() => ListAsync(new VendorQuery(Search: "hopital sante"));

    [Benchmark(Description = "search matching nothing")]
    public Task<int> SearchNothingAsync() => ListAsync(new VendorQuery(Search: "zzz-no-such-vendor"));

    [Benchmark(Description = "search + country filter, sorted by country descending, page 10")]
    public Task<int> FilteredSortedPageAsync() => ListAsync(new VendorQuery(Search: "medical", CountryCode: "DE", SortBy: VendorSort.Country, Descending: true, Page: 10));

    private async Task<int> ListAsync(VendorQuery query)
    {
        await using var scope = _app.ScopeAs(OrganisationRole.Procurement);
        var page = await scope.ServiceProvider.GetRequiredService<VendorRegisterService>().ListVendorsAsync(query);
        return page.TotalCount;
    }
}
