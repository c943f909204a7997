using System.Xml;
using System.Xml.Linq;

namespace Runbooks.Actions.Package;

/// <summary>
/// Parses <c>zypper --xmlout list-updates</c> and <c>list-patches</c>: <c>&lt;update kind="package" name=…
/// edition=… edition-old=…&gt;</c> and <c>&lt;update kind="patch" name=… edition=… category="security"
/// status="needed"&gt;</c> elements under <c>stream/update-status/update-list</c>.
/// </summary>
internal static class ZypperXml
{
    /// <summary>Package updates.</summary>
    public static IReadOnlyList<PackageUpdate> Packages(string xml) =>
        [.. Updates(xml, "package").Select(u => new PackageUpdate(
            Attribute(u, "name"), u.Attribute("edition-old")?.Value is { Length: > 0 } old ? old : null, Attribute(u, "edition"), Security: false))];

    /// <summary>Needed security patches, named <c>patch:&lt;name&gt;</c> (zypper's own notation).</summary>
    public static IReadOnlyList<PackageUpdate> SecurityPatches(string xml) =>
        [.. Updates(xml, "patch")
            .Where(u => u.Attribute("category")?.Value == "security" && u.Attribute("status")?.Value is null or "needed")
            .Select(u => new PackageUpdate("patch:" + Attribute(u, "name"), null, Attribute(u, "edition"), Security: true))];

    private static IEnumerable<XElement> Updates(string xml, string kind)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var start = xml.IndexOf("<?xml", StringComparison.Ordinal);
        XDocument document;
        try
        {
            // Prohibits DTDs (the XDocument default), so no entity expansion from the output.
            document = XDocument.Parse(start > 0 ? xml[start..] : xml);
        }
        catch (XmlException ex)
        {
            throw new PackageManagerException($"zypper printed XML that cannot be read ({ex.Message}); run the same zypper command by hand to see why");
        }
        return document.Descendants("update").Where(u => (u.Attribute("kind")?.Value ?? "package") == kind);
    }

    private static string Attribute(XElement element, string name) => element.Attribute(name)?.Value ?? "";
}
