using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Runbooks.Server.Api;
using Runbooks.Server.Auth;
using Runbooks.Storage.Keys;
using Serilog;
using Serilog.Events;

namespace Runbooks.Server.Http;

/// <summary>
/// The HTTP side of <c>runbooks serve</c>: the REST API under <c>/api/v1</c>, live run events (SSE), <c>/healthz</c>,
/// <c>/readyz</c>, Prometheus <c>/metrics</c>, the OpenAPI document at <c>/openapi/v1.json</c> and the Hangfire dashboard
/// at <c>/hangfire</c>, and the designer at <c>/</c> (<see cref="DesignerApp"/>). Every API route but the two health checks
/// needs an API key; errors are problem+json.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BackgroundRuns _background;
    private readonly ServerContext _context;

    private ApiServer(WebApplication app, BackgroundRuns background, ServerContext context) => (_app, _background, _context) = (app, background, context);

    /// <summary>The addresses it listens on (with the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>Builds and starts the server; fails (with the reason) when it cannot listen.</summary>
    public static async Task<ApiServer> StartAsync(ServerSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // The settings are the CLI's (appsettings.json, Runbooks__* variables): ASP.NET's own sources are not read.
            EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory, Args = [],
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        // ASP.NET Core's own chatter (every response written, every route matched) only at Warning; requests are
        // logged once each by the request logging below.
        var aspNetLog = new LoggerConfiguration().MinimumLevel.Verbose()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning).MinimumLevel.Override("System", LogEventLevel.Warning)
            .WriteTo.Logger(setup.Log).CreateLogger();
        builder.Services.AddSerilog(aspNetLog, dispose: true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = setup.Options.MaxRequestBodyBytes;
            foreach (var url in setup.Options.Urls)
            {
                Listen(kestrel, url, setup.Options);
            }
        });
        var context = new ServerContext(setup);
        var background = new BackgroundRuns(context);
        var registry = Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(setup);
        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(background);
        builder.Services.AddSingleton(new ApiKeyCache(setup.Store.Keys, setup.Time));
        builder.Services.AddSingleton(setup.Alerts);
        builder.Services.AddSingleton(new ServerMetrics(registry, setup.Store, setup.Alerts.Store));
        builder.Services.AddSingleton(setup.Log);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, _ => { });
        builder.Services.AddAuthorization(options =>
        {
            foreach (var role in Enum.GetValues<ApiRole>())
            {
                options.AddPolicy(RoleRequirement.Policy(role), policy => policy.AddRequirements(new RoleRequirement(role)));
            }
            // A route that forgot to say: viewer at least, never open.
            options.FallbackPolicy = options.GetPolicy(RoleRequirement.Policy(ApiRole.Viewer));
        });
        if (setup.Options.CorsOrigins.Count > 0)
        {
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
                policy.WithOrigins([.. setup.Options.CorsOrigins]).AllowAnyMethod().WithHeaders("Authorization", "Content-Type", "If-Match", "Last-Event-ID").WithExposedHeaders("ETag")));
        }
        builder.Services.AddHangfire(_ => { });
        builder.Services.AddOpenApi("v1");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            await Problems.WriteAsync(status.HttpContext, response.StatusCode, Problems.Title(response.StatusCode), response.StatusCode switch
            {
                404 => $"there is no route {status.HttpContext.Request.Path}; the API is under /api/v1 (its OpenAPI document: /openapi/v1.json)",
                405 => $"{status.HttpContext.Request.Method} is not allowed on {status.HttpContext.Request.Path}",
                _ => Problems.Title(response.StatusCode),
            }).ConfigureAwait(false);
        });
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : HttpMethods.IsGet(http.Request.Method) && http.Response.StatusCode < 400 ? LogEventLevel.Debug : LogEventLevel.Information;
        });
        if (setup.Options.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }
        // Before authentication: the app's files are public (it asks for a key itself); its paths never overlap the API's.
        DesignerApp.Use(app, setup.Options.DesignerRoot);
        app.UseAuthentication();
        app.UseAuthorization();
        // Hangfire answers 401 to a request without a key; the header lets a browser ask for one (Basic, key as password).
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/hangfire"), branch => branch.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
                {
                    http.Response.Headers.WWWAuthenticate = "Basic realm=\"runbooks\", charset=\"UTF-8\"";
                }
                return Task.CompletedTask;
            });
            await next(http).ConfigureAwait(false);
        }));
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardAdminOnly()], DisplayStorageConnectionString = false, AppPath = "/", DashboardTitle = "Runbooks workers",
        }, setup.HangfireStorage);

        HealthEndpoints.Map(app);
        var api = app.MapGroup("/api/v1");
        RunbooksEndpoints.Map(api);
        PlanEndpoints.Map(api);
        MeEndpoints.Map(api);
        RunsEndpoints.Map(api);
        CatalogEndpoints.Map(api);
        KeysEndpoints.Map(api);
        AlertsEndpoints.Map(api);
        app.MapOpenApi("/openapi/{documentName}.json").RequireRole(ApiRole.Viewer);
        app.MapMetrics("/metrics", registry).RequireRole(ApiRole.Viewer);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            context.Dispose();
            throw new Core.RunbooksException(
                $"the server cannot listen on {string.Join(", ", setup.Options.Urls)}: {ex.Message}; choose another address with Runbooks:Server:Urls or --urls", ex);
        }
        return new ApiServer(app, background, context);
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, Uri url, ServerOptions options)
    {
        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
        {
            if (url.Scheme == "https")
            {
                listen.UseHttps(X509Certificate2.CreateFromPemFile(options.TlsCertificate!, options.TlsKey));
            }
        }
        if (url.Host is "localhost")
        {
            kestrel.ListenLocalhost(url.Port, Configure);
        }
        else if (url.Host is "0.0.0.0" or "*" or "+" or "[::]")
        {
            kestrel.ListenAnyIP(url.Port, Configure);
        }
        else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, url.Port, Configure);
        }
        else
        {
            throw new Core.RunbooksException($"Runbooks:Server:Urls: '{url}' names a host; listen on an IP address (127.0.0.1, 0.0.0.0) or localhost");
        }
    }

    /// <summary>Stops taking requests (in-flight ones finish), then drains resumes started through the API.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _background.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _context.Dispose();
    }
}
