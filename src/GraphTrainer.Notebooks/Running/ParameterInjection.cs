using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GraphTrainer.Notebooks;

/// <summary>
/// papermill's parameters mechanism: a new code cell tagged <c>injected-parameters</c> goes right after the cell
/// tagged <c>parameters</c> (at the top when there is none), replacing any injected cell of an earlier run. Its code
/// is written when it is reached, from the variables the earlier cells declared.
/// </summary>
internal static class ParameterInjection
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    public static NotebookCell Insert(Notebook notebook)
    {
        notebook.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        int at = notebook.Cells.FindIndex(c => c.CellType == CellType.Code && c.HasTag(ParametersTag));
        var cell = NotebookCell.Code("");
        cell.AddTag(InjectedTag);
        notebook.Cells.Insert(at + 1, cell);
        return cell;
    }

    /// <summary>
    /// One line per parameter: <c>name = "text";</c> for an existing string variable,
    /// <c>name = NotebookParameters.Coerce(name, value, "name");</c> for an existing variable of another type, and
    /// <c>var name = value;</c> for a new one. A value that is a C# literal (number with optional sign and suffix,
    /// <c>true</c>, <c>false</c>, <c>null</c>, a quoted string or char) is used as written; anything else is a string.
    /// </summary>
    /// <param name="parameters">Names and values, in order.</param>
    /// <param name="typeOf">Type of the existing variable with that name, or null when there is none.</param>
    public static string BuildSource(IEnumerable<KeyValuePair<string, string>> parameters, Func<string, Type> typeOf)
    {
        var lines = new List<string> { "// Parameters injected by the headless notebook runner (--set)." };
        foreach (var (name, value) in parameters)
        {
            var type = typeOf(name);
            string literal = Literal(value, type == typeof(string));
            lines.Add(type switch
            {
                null => $"var {name} = {literal};",
                _ when type == typeof(string) => $"{name} = {literal};",
                _ => $"{name} = global::GraphTrainer.Notebooks.NotebookParameters.Coerce({name}, {literal}, \"{name}\");",
            });
        }
        return string.Join("\n", lines);
    }

    /// <summary>Whether <paramref name="name"/> can be a parameter (a C# identifier that is not a keyword).</summary>
    public static bool IsValidName(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    private static string Literal(string value, bool asString)
    {
        string trimmed = value.Trim();
        bool isStringLiteral = IsLiteral(trimmed, out var kind) && kind == SyntaxKind.StringLiteralExpression;
        if (asString)
            return isStringLiteral ? trimmed : SymbolDisplay.FormatLiteral(value, quote: true);
        return IsLiteral(trimmed, out _) ? trimmed : SymbolDisplay.FormatLiteral(value, quote: true);
    }

    private static bool IsLiteral(string text, out SyntaxKind kind)
    {
        kind = SyntaxKind.None;
        if (text.Length == 0)
            return false;
        var expression = SyntaxFactory.ParseExpression(text);
        if (expression.ContainsDiagnostics || expression.ToFullString().Trim() != text)
            return false;
        if (expression is PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax operand } unary
            && unary.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression
            && operand.Kind() == SyntaxKind.NumericLiteralExpression)
        {
            kind = SyntaxKind.NumericLiteralExpression;
            return true;
        }
        if (expression is LiteralExpressionSyntax literal)
        {
            kind = literal.Kind();
            return true;
        }
        return false;
    }
}
