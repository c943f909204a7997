using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Files;

/// <summary>Reads a text file from the target, bounded, masked, refusing binary content.</summary>
internal sealed class FileReadAction : IRunbookAction
{
    private const long DefaultMaxBytes = 65536;

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "file.read",
        Category = "Files",
        Description = "Reads a UTF-8 text file from the target (a symlink is followed), up to maxBytes; fails on a missing file or binary content.",
        Inputs = ValueShape.Object("The file and how much of it to read.",
            FileInputs.Path("The file on the target (absolute, or relative to the login directory)."),
            new FieldShape("maxBytes", ValueShape.Int("Bytes read at most; the rest is not read and truncated is true.") with { Default = DefaultMaxBytes, Minimum = 1, Maximum = 1024 * 1024 })),
        Outputs =
        [
            new("content", ValueShape.String("The text, exactly (line endings kept), secrets masked; cut at maxBytes (at a character boundary).")),
            new("truncated", ValueShape.Bool("Whether the file is longer than maxBytes.")),
            new("sizeBytes", ValueShape.Int("Bytes returned in content (before masking).")),
        ],
        IdempotentByDefault = true,
        Example = """
            - id: config
              action: file.read
              with: { path: /etc/app/app.conf, maxBytes: 16384 }
            """,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Inputs.RequireString("path");
        var maxBytes = (int)Math.Clamp(context.Inputs.GetInt("maxBytes", DefaultMaxBytes), 1, 1024 * 1024);
        var read = await FileContent.ReadAsync(context, path, maxBytes, cancellationToken);
        if (read.Error is not null)
        {
            return ActionResult.Failure(read.Error);
        }
        var (text, error) = FileContent.Decode(read.Bytes, read.Truncated, path);
        if (text is null)
        {
            return ActionResult.Failure(error + "; use file.exists for its attributes, or shell with a tool made for the format");
        }
        return ActionResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["content"] = context.Secrets.Apply(text),
            ["truncated"] = read.Truncated,
            ["sizeBytes"] = (long)System.Text.Encoding.UTF8.GetByteCount(text),
        });
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return $"read up to {inputs.GetInt("maxBytes", DefaultMaxBytes)} bytes of text: {inputs.GetString("path")}";
    }
}
