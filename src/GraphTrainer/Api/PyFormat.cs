using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NumSharp;

namespace GraphTrainer;

/// <summary>
/// Python's <c>str.format</c>, so <c>"iter {0:3d}:\t Loss={1:.2f},\tTraining Accuracy={2:.01%}".format(i, loss, acc)</c>
/// ports unchanged and prints what Python prints (C#'s <c>{0:P1}</c> would print <c>97.0 %</c>, Python
/// <c>97.0%</c>). Supports automatic and numbered fields, <c>!r</c>/<c>!s</c>, and the format-spec mini-language
/// <c>[[fill]align][sign][#][0][width][,][.precision][type]</c> with types d, f, F, e, E, g, G, %, s and none.
/// 0-d NDArrays (values fetched with <c>sess.run</c>) format as their scalar.
/// </summary>
public static partial class PyFormat
{
    /// <summary>Python's <c>template.format(*args)</c>.</summary>
    /// <exception cref="ValueError">A malformed template or a spec that does not suit the value (as Python raises).</exception>
    /// <exception cref="IndexOutOfRangeException">A field refers past the last argument.</exception>
    public static string format(this string template, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(template);
        args ??= new object[] { null };
        var sb = new StringBuilder();
        int auto = 0;
        bool? automatic = null;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
                throw new ValueError("Single '}' encountered in format string");
            }
            if (c != '{') { sb.Append(c); continue; }
            if (i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw new ValueError("Single '{' encountered in format string");
            string field = template[(i + 1)..close];
            i = close;

            string spec = "", conversion = null;
            int colon = field.IndexOf(':');
            if (colon >= 0) { spec = field[(colon + 1)..]; field = field[..colon]; }
            int bang = field.IndexOf('!');
            if (bang >= 0) { conversion = field[(bang + 1)..]; field = field[..bang]; }

            int index;
            if (field.Length == 0)
            {
                if (automatic == false) throw new ValueError("cannot switch from manual field specification to automatic field numbering");
                automatic = true;
                index = auto++;
            }
            else if (int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out index))
            {
                if (automatic == true) throw new ValueError("cannot switch from automatic field numbering to manual field specification");
                automatic = false;
            }
            else throw new ValueError($"Only positional fields are supported here, got '{{{field}}}'.");
            if (index >= args.Length) throw new IndexOutOfRangeException($"Replacement index {index} out of range for positional args tuple");

            object value = Unwrap(args[index]);
            if (conversion != null)
                value = conversion switch
                {
                    "r" => Binding.repr(args[index]),
                    "s" => Binding.str(args[index]),
                    _ => throw new ValueError($"Unknown conversion specifier {conversion}"),
                };
            sb.Append(FormatValue(value, spec));
        }
        return sb.ToString();
    }

    // A 0-d array formats as its scalar, as numpy scalars do.
    private static object Unwrap(object v) => v is NDArray nd && nd.ndim == 0 ? Binding.Scalar(nd) : v;

    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[+\- ])?(?<alt>#)?(?<zero>0)?(?<width>\d+)?(?<group>[,_])?(?:\.(?<prec>\d+))?(?<type>[bcdeEfFgGnosxX%])?$", RegexOptions.Singleline)]
    private static partial Regex SpecPattern();

    private static string FormatValue(object value, string spec)
    {
        var m = SpecPattern().Match(spec);
        if (!m.Success) throw new ValueError($"Invalid format specifier '{spec}'");
        char type = m.Groups["type"].Success ? m.Groups["type"].Value[0] : '\0';
        int? precision = m.Groups["prec"].Success ? int.Parse(m.Groups["prec"].Value, CultureInfo.InvariantCulture) : null;
        bool numeric = value is double or float || Binding.IsInteger(value) || value is bool;
        string grouping = m.Groups["group"].Success ? m.Groups["group"].Value : null;

        string body;
        if (!numeric || type == 's')
        {
            if (type != '\0' && type != 's')
                throw new ValueError($"Unknown format code '{type}' for object of type '{PyTypeName(value)}'");
            body = Binding.str(value);
            if (precision is int p && body.Length > p) body = body[..p];
        }
        else body = FormatNumber(value, type, precision, m.Groups["alt"].Success, grouping);

        // Sign handling applies to numbers only; the body carries '-' already.
        string sign = "";
        if (numeric && type != 's')
        {
            if (body.StartsWith('-')) { sign = "-"; body = body[1..]; }
            else if (m.Groups["sign"].Value == "+") sign = "+";
            else if (m.Groups["sign"].Value == " ") sign = " ";
        }

        int width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
        char fill = m.Groups["fill"].Success ? m.Groups["fill"].Value[0] : ' ';
        char align = m.Groups["align"].Success ? m.Groups["align"].Value[0] : numeric && type != 's' ? '>' : '<';
        if (m.Groups["zero"].Success && !m.Groups["align"].Success) { fill = '0'; align = numeric ? '=' : '<'; }

        int pad = Math.Max(0, width - sign.Length - body.Length);
        return align switch
        {
            '<' => sign + body + new string(fill, pad),
            '^' => new string(fill, pad / 2) + sign + body + new string(fill, pad - pad / 2),
            '=' => sign + new string(fill, pad) + body,
            _ => new string(fill, pad) + sign + body,
        };
    }

    private static string FormatNumber(object value, char type, int? precision, bool alternate, string grouping)
    {
        bool isInt = Binding.IsInteger(value) || value is bool;
        if (type is 'd' or 'n')
        {
            if (!isInt) throw new ValueError($"Unknown format code '{type}' for object of type '{PyTypeName(value)}'");
            long n = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            return Group(n.ToString(CultureInfo.InvariantCulture), grouping);
        }
        if (type == '\0' && isInt) return Group(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), grouping);
        if (type is not ('\0' or 'f' or 'F' or 'e' or 'E' or 'g' or 'G' or '%'))
            throw new ValueError($"Format code '{type}' is not supported here");

        double v = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            string special = double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
            return type is 'F' or 'E' or 'G' ? special.ToUpperInvariant() : type == '%' ? special + "%" : special;
        }
        switch (type)
        {
            case 'f' or 'F':
                return Group(Fixed(v, precision ?? 6, alternate), grouping);
            case '%':
                return Group(Fixed(v * 100, precision ?? 6, alternate), grouping) + "%";
            case 'e' or 'E':
                string e = Scientific(v, precision ?? 6, alternate);
                return type == 'E' ? e.ToUpperInvariant() : e;
            case 'g' or 'G':
                string g = General(v, precision ?? 6, alternate);
                return type == 'G' ? g.ToUpperInvariant() : g;
            default:
                if (precision is null) return Binding.str(value);
                // No type with a precision: like 'g', but always showing a fractional part for fixed notation.
                string r = General(v, precision.Value, alternate);
                return r.Contains('.') || r.Contains('e') || r.Contains("inf") ? r : r + ".0";
        }
    }

    private static string Fixed(double v, int precision, bool alternate)
    {
        string s = v.ToString("F" + precision, CultureInfo.InvariantCulture);
        return alternate && precision == 0 ? s + "." : s;
    }

    private static string Scientific(double v, int precision, bool alternate)
    {
        // .NET writes E+001; Python writes e+01.
        string s = v.ToString((precision == 0 ? "0" : "0." + new string('0', precision)) + "E+0", CultureInfo.InvariantCulture);
        int ePos = s.IndexOf('E');
        string mantissa = s[..ePos];
        if (alternate && precision == 0) mantissa += ".";
        return mantissa + PyFloat.Exponent(int.Parse(s[(ePos + 1)..], CultureInfo.InvariantCulture));
    }

    private static string General(double v, int precision, bool alternate)
    {
        int p = precision == 0 ? 1 : precision;
        if (v == 0) return alternate ? "0." + new string('0', p - 1) : (double.IsNegative(v) ? "-0" : "0");
        // The exponent after rounding to p significant digits decides between fixed and scientific.
        string sci = v.ToString("0." + new string('0', Math.Max(0, p - 1)) + "E+0", CultureInfo.InvariantCulture);
        int exp = int.Parse(sci[(sci.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        string s = exp >= -4 && exp < p ? Fixed(v, p - 1 - exp, false) : Scientific(v, p - 1, false);
        if (alternate) return s;
        int ePos = s.IndexOf('e');
        string mantissa = ePos >= 0 ? s[..ePos] : s, suffix = ePos >= 0 ? s[ePos..] : "";
        if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        return mantissa + suffix;
    }

    private static string Group(string number, string separator)
    {
        if (separator == null) return number;
        bool negative = number.StartsWith('-');
        if (negative) number = number[1..];
        int point = number.IndexOf('.');
        string intPart = point >= 0 ? number[..point] : number, rest = point >= 0 ? number[point..] : "";
        var sb = new StringBuilder();
        for (int i = 0; i < intPart.Length; i++)
        {
            if (i > 0 && (intPart.Length - i) % 3 == 0) sb.Append(separator);
            sb.Append(intPart[i]);
        }
        return (negative ? "-" : "") + sb + rest;
    }

    private static string PyTypeName(object v) => v switch
    {
        null => "NoneType",
        string => "str",
        double or float => "float",
        bool => "bool",
        _ when Binding.IsInteger(v) => "int",
        _ => v.GetType().Name,
    };
}
