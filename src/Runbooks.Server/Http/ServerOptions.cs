using Microsoft.Extensions.Configuration;

namespace Runbooks.Server.Http;

/// <summary>
/// <c>Runbooks:Server</c>: where the HTTP API listens and how it protects itself. Defaults: loopback only
/// (<c>http://127.0.0.1:5080</c>), no TLS, request bodies up to 1 MiB, CORS off.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The URLs to listen on (<c>Urls</c>, comma- or semicolon-separated); <c>https</c> needs <see cref="TlsCertificate"/>.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [new Uri("http://127.0.0.1:5080")];

    /// <summary><c>Tls:Certificate</c>: a PEM certificate (chain) file for https URLs.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary><c>Tls:Key</c>: the PEM private key of <see cref="TlsCertificate"/>.</summary>
    public string? TlsKey { get; init; }

    /// <summary><c>MaxRequestBodyBytes</c>: larger bodies are refused with 413 before they are read (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// <c>Cors:Origins</c>: browser origins (scheme://host[:port]) allowed to call the API from another site. Empty (the
    /// default) means no cross-origin access; <c>*</c> and <c>null</c> are refused.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>
    /// <c>DesignerRoot</c>: the folder of the designer's built files, served at <c>/</c>. Default: <c>wwwroot</c> beside
    /// the executable, where the build puts it. A folder without <c>index.html</c> serves a page that says how to build it.
    /// </summary>
    public string DesignerRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Reads <paramref name="section"/>; every problem is reported at once, each naming its key.</summary>
    public static (ServerOptions Options, IReadOnlyList<string> Problems) From(IConfigurationSection section, string? urlsOverride = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<string>();
        var defaults = new ServerOptions();
        var urls = new List<Uri>();
        var urlText = urlsOverride ?? section["Urls"];
        foreach (var text in urlText?.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
            {
                problems.Add($"Runbooks:Server:Urls: '{text}' is not a URL to listen on; use http://host:port or https://host:port (e.g. http://127.0.0.1:5080)");
                continue;
            }
            urls.Add(url);
        }
        var certificate = section["Tls:Certificate"];
        var key = section["Tls:Key"];
        if (urls.Any(u => u.Scheme == "https") && (string.IsNullOrEmpty(certificate) || string.IsNullOrEmpty(key)))
        {
            problems.Add("Runbooks:Server:Tls: an https URL needs Tls:Certificate and Tls:Key (PEM files)");
        }
        foreach (var (name, path) in new[] { ("Certificate", certificate), ("Key", key) })
        {
            if (!string.IsNullOrEmpty(path) && !File.Exists(path))
            {
                problems.Add($"Runbooks:Server:Tls:{name}: the file {path} does not exist");
            }
        }
        var maxBody = defaults.MaxRequestBodyBytes;
        if (section["MaxRequestBodyBytes"] is { } bodyText && (!long.TryParse(bodyText, System.Globalization.CultureInfo.InvariantCulture, out maxBody) || maxBody < 1024))
        {
            problems.Add($"Runbooks:Server:MaxRequestBodyBytes: '{bodyText}' is not a size in bytes of at least 1024");
        }
        var origins = new List<string>();
        foreach (var origin in section.GetSection("Cors:Origins").GetChildren().Select(c => c.Value ?? ""))
        {
            if (origin is "*" or "null")
            {
                problems.Add($"Runbooks:Server:Cors:Origins: '{origin}' is refused: it would let any site (or a sandboxed page) call the API with a user's key; list the designer's exact origins");
            }
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                problems.Add($"Runbooks:Server:Cors:Origins: '{origin}' is not an origin; use scheme://host[:port], e.g. https://runbooks.example.com");
            }
            else
            {
                origins.Add(origin.TrimEnd('/'));
            }
        }
        var designer = section["DesignerRoot"];
        if (!string.IsNullOrEmpty(designer) && !Directory.Exists(designer))
        {
            problems.Add($"Runbooks:Server:DesignerRoot: the folder {designer} does not exist; leave it unset to serve the designer built into wwwroot/");
        }
        return (new ServerOptions
        {
            DesignerRoot = string.IsNullOrEmpty(designer) ? defaults.DesignerRoot : Path.GetFullPath(designer),
            Urls = urls.Count > 0 ? urls : defaults.Urls, TlsCertificate = certificate, TlsKey = key, MaxRequestBodyBytes = maxBody, CorsOrigins = origins,
        }, problems);
    }
}
