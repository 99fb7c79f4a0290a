using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using VendorRisk.Web.Features.Portal;

namespace VendorRisk.Benchmarks;

/// <summary>
/// Load scenario (not a BenchmarkDotNet benchmark): N vendor respondents fill in 300-question
/// assessments at the same time through the real <see cref="PortalService.SaveAnswerAsync"/>, several
/// colleagues per assessment each in their own part of it, with a think time between saves as the
/// portal's debounced autosave produces. Reports the server time of each save (p50/p95/p99) and its
/// outcomes. See docs/performance.md.
/// <code>
/// dotnet run -c Release --project tests/VendorRisk.Benchmarks -- autosave-load [--respondents 200] [--per-assessment 4]
///     [--saves 15] [--think 1000-3000] [--questions 300] [--postgres "Host=...;Username=..."]
/// </code>
/// </summary>
internal static class AutosaveLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var respondents = Option(args, "--respondents", 200);
        var perAssessment = Math.Max(1, Option(args, "--per-assessment", 4));
        var saves = Option(args, "--saves", 15);
        var questions = Option(args, "--questions", 300);
        var think = Text(args, "--think") ?? "1000-3000";
        var thinkMin = int.Parse(think.Split('-')[0], CultureInfo.InvariantCulture);
        var thinkMax = int.Parse(think.Split('-')[^1], CultureInfo.InvariantCulture);
        var postgres = Text(args, "--postgres");

        Console.WriteLine($"Autosave load: {respondents} respondents, {perAssessment} per assessment, {saves} saves each, think {thinkMin}-{thinkMax} ms, {questions} questions, {(postgres is null ? "SQLite" : "PostgreSQL")}");
        await using var app = await BenchmarkApp.StartAsync(postgres);
        var world = await AssessmentBenchWorld.CreateAsync(app, questions, (respondents + perAssessment - 1) / perAssessment);

        // Warm-up: JIT, connection pool, EF model and compiled queries.
        for (var i = 0; i < 30; i++)
        {
            await SaveAsync(world, i % world.AssessmentIds.Count, world.AssessmentIds[i % world.AssessmentIds.Count], world.Questions[(questions - 1) - (i % 10)], 0, i, allowConflict: true);
        }

        var timings = new ConcurrentBag<double>();
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var wall = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, respondents).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            var assessmentId = world.AssessmentIds[r / perAssessment];
            var slice = Math.Max(1, (questions - 10) / perAssessment);
            var versions = new Dictionary<string, int>(StringComparer.Ordinal);
            await using var scope = world.ScopeAsRespondent(r);
            var portal = scope.ServiceProvider.GetRequiredService<PortalService>();
            await Task.Delay(random.Next(0, Math.Max(1, thinkMax)));
            for (var i = 0; i < saves; i++)
            {
                var question = world.Questions[((r % perAssessment) * slice) + (i % slice)];
                var value = AssessmentBenchWorld.AnswerFor(question, i);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var watch = Stopwatch.StartNew();
                    var result = await portal.SaveAnswerAsync(assessmentId, question.Key, value, versions.GetValueOrDefault(question.Key));
                    watch.Stop();
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                    outcomes.AddOrUpdate(attempt == 0 ? result.Outcome.ToString() : $"{result.Outcome} (retry)", 1, (_, n) => n + 1);
                    if (result.Outcome == SaveOutcome.Saved)
                    {
                        versions[question.Key] = result.Version;
                        break;
                    }

                    // As the portal does: a conflict shows the current answer (its version), a failure is retried.
                    versions[question.Key] = result.Version;
                    await Task.Delay(200);
                }

                if (thinkMax > 0)
                {
                    await Task.Delay(random.Next(thinkMin, thinkMax));
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);
        wall.Stop();

        var sorted = timings.Order().ToArray();
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saves: {sorted.Length} in {wall.Elapsed.TotalSeconds:0.0} s ({sorted.Length / wall.Elapsed.TotalSeconds:0} saves/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server time per save: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {sorted[^1]:0.0} ms, mean {sorted.Average():0.0} ms"));
        Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        return 0;
    }

    private static async Task SaveAsync(AssessmentBenchWorld world, int respondent, Guid assessmentId, VendorRisk.Domain.Questionnaires.Question question, int version, int round, bool allowConflict)
    {
        await using var scope = world.ScopeAsRespondent(respondent);
        var result = await scope.ServiceProvider.GetRequiredService<PortalService>().SaveAnswerAsync(assessmentId, question.Key, AssessmentBenchWorld.AnswerFor(question, round), version);
        if (result.Outcome == SaveOutcome.Failed || (!allowConflict && result.Outcome == SaveOutcome.Conflict))
        {
            throw new InvalidOperationException($"Warm-up save failed: {result.Outcome} {result.Error}");
        }
    }

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
