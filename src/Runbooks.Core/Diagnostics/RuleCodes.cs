namespace Runbooks.Core.Diagnostics;

/// <summary>
/// The stable code of every validation rule. docs/runbook-language.md lists them; a test checks each one's exact
/// message. Codes are never reused for another rule.
/// </summary>
public static class RuleCodes
{
    /// <summary>The file is not valid YAML.</summary>
    public const string YamlSyntax = "RB0001";
    /// <summary>A YAML tag other than the core schema's.</summary>
    public const string YamlTag = "RB0002";
    /// <summary>The document is too large, too deep, or expands too much through aliases.</summary>
    public const string YamlLimit = "RB0003";
    /// <summary>A key is written twice in one map.</summary>
    public const string YamlDuplicateKey = "RB0004";
    /// <summary>The file is empty or holds several documents.</summary>
    public const string YamlDocument = "RB0005";
    /// <summary>A key that is not a string, or a merge key.</summary>
    public const string YamlKey = "RB0006";

    /// <summary>A key the language does not know.</summary>
    public const string UnknownKey = "RB0101";
    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "RB0102";
    /// <summary>A value of the wrong type.</summary>
    public const string WrongType = "RB0103";
    /// <summary>A value outside an enumeration.</summary>
    public const string NotAllowed = "RB0104";
    /// <summary>A duration that does not parse.</summary>
    public const string BadDuration = "RB0105";
    /// <summary>A name or step id with characters outside the allowed set.</summary>
    public const string BadName = "RB0106";
    /// <summary>Two steps with one id.</summary>
    public const string DuplicateStepId = "RB0107";
    /// <summary>Both or neither of keys of which exactly one is needed.</summary>
    public const string ExactlyOne = "RB0108";
    /// <summary>A number outside its range.</summary>
    public const string OutOfRange = "RB0109";
    /// <summary>A parameter pattern that is not a valid regular expression.</summary>
    public const string BadPattern = "RB0110";
    /// <summary>A parameter default that does not fit its own definition.</summary>
    public const string BadDefault = "RB0111";
    /// <summary>A step that is neither an action, a forEach, nor a parallel group, or is several.</summary>
    public const string StepShape = "RB0112";
    /// <summary>A schedule's cron expression that does not parse.</summary>
    public const string BadCron = "RB0113";
    /// <summary>A time zone that is not a known IANA zone.</summary>
    public const string UnknownTimeZone = "RB0114";
    /// <summary>A trigger with an unknown kind, or with no kind or several.</summary>
    public const string TriggerKind = "RB0115";
    /// <summary>Two triggers with one id.</summary>
    public const string DuplicateTriggerId = "RB0116";
    /// <summary>A schedule naming a maintenance window that is not configured.</summary>
    public const string UnknownWindow = "RB0117";
    /// <summary>An alert trigger's label matcher that is not a value or a map of one operator, names a bad label, or holds a bad regex.</summary>
    public const string BadMatcher = "RB0118";
    /// <summary>A template reading a field an alert does not have (<c>alert.lables</c>).</summary>
    public const string UnknownAlertField = "RB0119";
    /// <summary>A designer position (<c>designer.positions</c>) for a step id the runbook does not have.</summary>
    public const string UnknownPositionStep = "RB0120";

    /// <summary>An action that does not exist.</summary>
    public const string UnknownAction = "RB0201";

    /// <summary>A template that does not parse.</summary>
    public const string TemplateSyntax = "RB0301";
    /// <summary>A reference to a parameter that is not declared.</summary>
    public const string UnknownParameter = "RB0302";
    /// <summary>A reference to a step that does not exist.</summary>
    public const string UnknownStep = "RB0303";
    /// <summary>A reference to a step that has not run at that point (later, a sibling branch, another iteration).</summary>
    public const string UnreachableStep = "RB0304";
    /// <summary>A reference to an output the step does not produce, or a member a step does not have.</summary>
    public const string UnknownOutput = "RB0305";
    /// <summary>A variable no template can see there.</summary>
    public const string UnknownVariable = "RB0306";
    /// <summary>An untrusted value interpolated into a shell string without quoting.</summary>
    public const string UnquotedShellValue = "RB0307";
    /// <summary>Sub-runbooks that call each other in a cycle.</summary>
    public const string CyclicRunbook = "RB0308";
    /// <summary>A sub-runbook that cannot be found or is invalid.</summary>
    public const string BadSubRunbook = "RB0309";
    /// <summary>A step that refers to itself.</summary>
    public const string SelfReference = "RB0310";

    /// <summary>An inventory host names a group that is not declared.</summary>
    public const string UnknownGroup = "RB0501";
    /// <summary>An inventory entry names a credential that is not declared.</summary>
    public const string UnknownCredential = "RB0502";
    /// <summary>A jump host that is not an inventory host, or jump hosts that lead back to themselves.</summary>
    public const string BadJumpHost = "RB0503";
    /// <summary>A credential with no secret reference, or with conflicting ones.</summary>
    public const string BadCredential = "RB0504";
    /// <summary>A runbook target that is not in the inventory, or targets that select no host.</summary>
    public const string UnknownTarget = "RB0505";
    /// <summary>A label selector that does not parse.</summary>
    public const string BadSelector = "RB0506";

    /// <summary>A maintenance setting (Runbooks:Maintenance) the product does not know.</summary>
    public const string UnknownSetting = "RB0601";
    /// <summary>A maintenance setting with a wrong value (cron, duration, time, time zone, an end before its start).</summary>
    public const string BadSetting = "RB0602";
    /// <summary>A maintenance window or freeze that lacks a setting it needs.</summary>
    public const string MissingSetting = "RB0603";

    /// <summary>A parameter value given at run time that does not fit its definition.</summary>
    public const string BadParameterValue = "RB0401";
    /// <summary>A required parameter without a value.</summary>
    public const string MissingParameter = "RB0402";
    /// <summary>A value given for a parameter the runbook does not declare.</summary>
    public const string UndeclaredParameter = "RB0403";
}
