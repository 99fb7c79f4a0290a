using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.Benchmarks;

/// <summary>
/// What a respondent waits for when opening a 300-question assessment in the portal: the service that
/// builds the answer page's model (<see cref="PortalService.GetAsync"/>: access check, questionnaire
/// version, answers, comments, progress, evidence), empty and with every question answered, on SQLite.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(15)]
public class AssessmentPageBenchmarks
{
    private AssessmentBenchWorld _world = null!;

    [Params(300)]
    public int Questions { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var app = await BenchmarkApp.StartAsync();
        _world = await AssessmentBenchWorld.CreateAsync(app, Questions, 2);
        await using var scope = _world.ScopeAsRespondent(0);
        var portal = scope.ServiceProvider.GetRequiredService<PortalService>();
        foreach (var (question, index) in _world.Questions.Select((q, i) => (q, i)))
        {
            var saved = await portal.SaveAnswerAsync(_world.AssessmentIds[1], question.Key, AssessmentBenchWorld.AnswerFor(question, index), 0);
            if (saved.Outcome != SaveOutcome.Saved)
            {
                throw new InvalidOperationException($"Setup save failed: {saved.Outcome} {saved.Error}");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _world.App.DisposeAsync();

    [Benchmark(Baseline = true, Description = "open a 300-question assessment, no answer yet")]
    public Task<int> OpenEmptyAsync() => OpenAsync(0);

    [Benchmark(Description = "open a 300-question assessment, every question answered")]
    public Task<int> OpenAnsweredAsync() => OpenAsync(1);

    private async Task<int> OpenAsync(int index)
    {
        await using var scope = _world.ScopeAsRespondent(index);
        var page = await scope.ServiceProvider.GetRequiredService<PortalService>().GetAsync(_world.AssessmentIds[index]);
        return page!.Answers.Count + page.Version.Questions.Count;
    }
}
