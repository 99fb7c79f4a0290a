namespace VendorRisk.Domain.Questionnaires;

/// <summary>
/// What each question and section's visibility depends on: its section (and that section's
/// parent) and the questions its condition refers to. Walked without recursion so a chain of
/// thousands of questions cannot exhaust the stack.
/// </summary>
internal sealed class VisibilityGraph
{
    private VisibilityGraph(IReadOnlyList<Section> sections, IReadOnlyList<Question> questions)
    {
        Sections = sections;
        Questions = questions;
        Dependencies = new List<int>[sections.Count + questions.Count];
    }

    public IReadOnlyList<Section> Sections { get; }

    public IReadOnlyList<Question> Questions { get; }

    /// <summary>Node index of each section key (first occurrence wins when keys repeat).</summary>
    public Dictionary<string, int> SectionNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Node index of each question key (first occurrence wins when keys repeat).</summary>
    public Dictionary<string, int> QuestionNodes { get; } = new(StringComparer.Ordinal);

    public List<int>[] Dependencies { get; }

    public int NodeCount => Dependencies.Length;

    public bool IsSection(int node) => node < Sections.Count;

    public Section SectionAt(int node) => Sections[node];

    public Question QuestionAt(int node) => Questions[node - Sections.Count];

    public string KeyOf(int node) => IsSection(node) ? SectionAt(node).Key : QuestionAt(node).Key;

    public Condition? ConditionOf(int node) => IsSection(node) ? SectionAt(node).VisibleWhen : QuestionAt(node).VisibleWhen;

    public static VisibilityGraph Build(TemplateVersion version)
    {
        var graph = new VisibilityGraph(version.Sections, version.Questions);
        for (var i = 0; i < graph.Sections.Count; i++)
        {
            graph.SectionNodes.TryAdd(graph.Sections[i].Key, i);
        }

        for (var i = 0; i < graph.Questions.Count; i++)
        {
            graph.QuestionNodes.TryAdd(graph.Questions[i].Key, graph.Sections.Count + i);
        }

        for (var node = 0; node < graph.NodeCount; node++)
        {
            var dependencies = new List<int>();
            var container = graph.IsSection(node) ? graph.SectionAt(node).ParentKey : graph.QuestionAt(node).SectionKey;
            if (container is not null && graph.SectionNodes.TryGetValue(container, out var containerNode))
            {
                dependencies.Add(containerNode);
            }

            var condition = graph.ConditionOf(node);
            if (condition is not null)
            {
                foreach (var test in condition.AnswerTests())
                {
                    if (graph.QuestionNodes.TryGetValue(test.QuestionKey, out var referenced) && !dependencies.Contains(referenced))
                    {
                        dependencies.Add(referenced);
                    }
                }
            }

            graph.Dependencies[node] = dependencies;
        }

        return graph;
    }

    /// <summary>
    /// Orders the nodes so that every node comes after what it depends on, and returns the loops
    /// found on the way (each as the list of nodes around the loop). The order is only meaningful
    /// when there is no loop.
    /// </summary>
    public (IReadOnlyList<int> Order, IReadOnlyList<IReadOnlyList<int>> Cycles) Sort()
    {
        const byte White = 0, Grey = 1, Black = 2;
        var colour = new byte[NodeCount];
        var order = new List<int>(NodeCount);
        var cycles = new List<IReadOnlyList<int>>();
        var path = new List<(int Node, int NextEdge)>();

        for (var start = 0; start < NodeCount; start++)
        {
            if (colour[start] != White)
            {
                continue;
            }

            colour[start] = Grey;
            path.Add((start, 0));
            while (path.Count > 0)
            {
                var (node, next) = path[^1];
                var edges = Dependencies[node];
                if (next < edges.Count)
                {
                    path[^1] = (node, next + 1);
                    var target = edges[next];
                    if (colour[target] == White)
                    {
                        colour[target] = Grey;
                        path.Add((target, 0));
                    }
                    else if (colour[target] == Grey)
                    {
                        var from = path.FindIndex(p => p.Node == target);
                        cycles.Add(path.Skip(from).Select(p => p.Node).Append(target).ToList());
                    }
                }
                else
                {
                    colour[node] = Black;
                    order.Add(node);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return (order, cycles);
    }
}
