using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace GraphTrainer.Notebooks;

/// <summary>
/// Decides whether a submission ends in a value to show, as .NET Interactive does: its last statement is an
/// expression without a semicolon whose type is not <c>void</c>. (Roslyn returns null both for a void call and for
/// an expression whose value is null; only the latter is shown, as <c>&lt;null&gt;</c>.)
/// </summary>
internal static class TrailingExpression
{
    public static bool Produces(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root)
            return false;
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
        {
            return false;
        }
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type != null && type.SpecialType != SpecialType.System_Void;
    }
}
