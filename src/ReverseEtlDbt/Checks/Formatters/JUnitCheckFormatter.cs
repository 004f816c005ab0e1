using System.Xml.Linq;
using ReverseEtlDbt.Definitions;

namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>JUnit XML for CI test reports: one test case per sync (passing or failing) and one per other problem source.</summary>
public static class JUnitCheckFormatter
{
    public static string Render(CheckReport report)
    {
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var bySync = errors.Where(d => d.SyncId is not null).ToLookup(d => d.SyncId!);
        var cases = report.SyncIds.Distinct().Select(id => Case("sync", id, bySync[id])).ToList();
        cases.AddRange(errors.Where(d => d.SyncId is null)
            .GroupBy(d => d.Model is not null ? $"model {d.Model}" : d.File ?? "project")
            .Select(g => Case(g.First().Model is not null ? "model" : "config", g.Key, g)));
        return JUnitDocument.Render("retl check", cases);
    }

    private static XElement Case(string kind, string name, IEnumerable<Diagnostic> problems)
    {
        var element = new XElement("testcase", new XAttribute("classname", $"retl.check.{kind}"), new XAttribute("name", name));
        var list = problems.ToList();
        if (list.Count > 0)
            element.Add(new XElement("failure",
                new XAttribute("type", string.Join(",", list.Select(d => d.Code).Distinct())),
                new XAttribute("message", list[0].Message),
                string.Join("\n", list.Select(d =>
                    $"[{d.Code}] {d.Message}" + (d.File is null ? "" : $" ({d.File}{(d.Line is { } l ? $":{l}" : "")})")
                    + (d.Hint is null ? "" : $"\n  Hint: {d.Hint}")))));
        return element;
    }
}
