using Scriban.Runtime;

namespace Runbooks.Bench.Harness;

/// <summary>
/// A ScriptObject subclass, like Runbooks' StrictScriptObject, to show what Scriban's constructor costs when it
/// auto-imports the subclass's static members by reflection (<c>new ScriptObject(capacity)</c> does) and when not.
/// </summary>
internal sealed class ProbeScriptObject(int capacity, bool autoImport) : ScriptObject(capacity, autoImportStaticsFromThisType: autoImport);
