using System.Xml.Linq;

namespace ReverseEtlDbt.Checks.Formatters;

/// <summary>The JUnit XML envelope (one suite of test cases) shared by <c>retl check</c> and sync summaries.</summary>
public static class JUnitDocument
{
    public static string Render(string name, IReadOnlyList<XElement> cases)
    {
        var failures = cases.Count(c => c.Element("failure") is not null);
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        var suite = new XElement("testsuite", new XAttribute("name", name), new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures), skipped > 0 ? new XAttribute("skipped", skipped) : null,
            new XAttribute("errors", 0), cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites", new XAttribute("name", name), new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures), suite));
        return document.Declaration + "\n" + document.Root + "\n";
    }
}
