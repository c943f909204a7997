using System.Text.RegularExpressions;

namespace Runbooks.Actions.Files;

/// <summary>What <c>file.line</c> wants of a file, with its regular expressions compiled.</summary>
/// <param name="Line">The line to have (present) or remove (absent, when no regexp); no line break.</param>
/// <param name="Regexp">Lines it matches are replaced (present: the last one) or removed (absent: all).</param>
/// <param name="Present">True for state: present.</param>
/// <param name="InsertAfter">Insert after the last line matching it; null for none.</param>
/// <param name="InsertBefore">Insert before the last line matching it; null for none.</param>
/// <param name="AtStart">insertBefore: BOF — insert as the first line.</param>
internal sealed record LineEdit(string? Line, Regex? Regexp, bool Present, Regex? InsertAfter, Regex? InsertBefore, bool AtStart);
