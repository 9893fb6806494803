using System.Collections;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace GraphTrainer.IO;

/// <summary>
/// Prints any protobuf message in protobuf text format the way TensorFlow's <c>tf.train.write_graph</c>
/// writes <c>.pbtxt</c> files (Python's <c>text_format.MessageToString(msg, float_format='')</c>): fields in
/// field-number order, two-space indentation, map entries sorted by key, enums by name, bytes and strings
/// C-escaped with octal for non-printable bytes. Google.Protobuf's JsonFormatter is JSON, not this format.
/// </summary>
public static class ProtoTextFormat
{
    /// <summary>The text-format representation of <paramref name="message"/>, ending in a newline when non-empty.</summary>
    /// <param name="message">Any generated message (GraphDef, MetaGraphDef, ...).</param>
    /// <returns>Protobuf text format.</returns>
    public static string Print(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new StringBuilder();
        PrintMessage(sb, message, 0);
        return sb.ToString();
    }

    private static void PrintMessage(StringBuilder sb, IMessage message, int indent)
    {
        foreach (FieldDescriptor field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            object value = field.Accessor.GetValue(message);
            if (field.IsMap)
                PrintMap(sb, field, (IDictionary)value, indent);
            else if (field.IsRepeated)
                foreach (object item in (IList)value) PrintField(sb, field, item, indent);
            else if (IsPresent(message, field, value))
                PrintField(sb, field, value, indent);
        }
    }

    // Proto3 scalars without presence are printed only when non-default; oneof members and messages when set
    // (so AttrValue's "b: false" is printed, as Python's ListFields reports it).
    private static bool IsPresent(IMessage message, FieldDescriptor field, object value)
    {
        if (field.RealContainingOneof != null)
            return field.RealContainingOneof.Accessor.GetCaseFieldDescriptor(message)?.FieldNumber == field.FieldNumber;
        if (field.FieldType is FieldType.Message or FieldType.Group) return value != null;
        if (field.HasPresence) return field.Accessor.HasValue(message);
        return value switch
        {
            string s => s.Length > 0,
            ByteString b => !b.IsEmpty,
            bool b => b,
            float f => f != 0 || float.IsNegative(f),
            double d => d != 0 || double.IsNegative(d),
            Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture) != 0,
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    // Python's text_format prints map entries sorted by key.
    private static void PrintMap(StringBuilder sb, FieldDescriptor field, IDictionary map, int indent)
    {
        FieldDescriptor keyField = field.MessageType.FindFieldByNumber(1);
        FieldDescriptor valueField = field.MessageType.FindFieldByNumber(2);
        var keys = map.Keys.Cast<object>().ToList();
        keys.Sort((a, b) => a is string sa ? string.CompareOrdinal(sa, (string)b) : Comparer.DefaultInvariant.Compare(a, b));
        foreach (object key in keys)
        {
            Indent(sb, indent).Append(field.Name).Append(" {\n");
            PrintField(sb, keyField, key, indent + 2);
            PrintField(sb, valueField, map[key], indent + 2);
            Indent(sb, indent).Append("}\n");
        }
    }

    private static void PrintField(StringBuilder sb, FieldDescriptor field, object value, int indent)
    {
        Indent(sb, indent).Append(field.Name);
        if (field.FieldType is FieldType.Message or FieldType.Group)
        {
            sb.Append(" {\n");
            if (value != null) PrintMessage(sb, (IMessage)value, indent + 2);
            Indent(sb, indent).Append("}\n");
            return;
        }
        sb.Append(": ").Append(FormatScalar(field, value)).Append('\n');
    }

    private static string FormatScalar(FieldDescriptor field, object value) => field.FieldType switch
    {
        FieldType.Bool => (bool)value ? "true" : "false",
        FieldType.String => Quote(Encoding.UTF8.GetBytes((string)value)),
        FieldType.Bytes => Quote(((ByteString)value).ToByteArray()),
        FieldType.Enum => EnumName(field, Convert.ToInt32(value, CultureInfo.InvariantCulture)),
        // Python widens a float field to double and prints its repr (float_format=''), e.g. 0.10000000149011612.
        FieldType.Float => FormatDouble((float)value),
        FieldType.Double => FormatDouble((double)value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string EnumName(FieldDescriptor field, int number) =>
        field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form below 1e-4 or from 1e16.</summary>
    internal static string FormatDouble(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        string sign = double.IsNegative(x) ? "-" : "";
        string r = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        string mantissa = e >= 0 ? r[..e] : r;
        int exponent = e >= 0 ? int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture) : 0;
        int dot = mantissa.IndexOf('.');
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string digits = intPart + (dot >= 0 ? mantissa[(dot + 1)..] : "");
        // decpt: the value is 0.<digits> × 10^decpt, the quantity Python's repr bases its choice of form on.
        int decpt = intPart.Length + exponent;
        int leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0') leading++;
        digits = digits[leading..].TrimEnd('0');
        decpt -= leading;
        if (digits.Length == 0) return sign + "0.0";
        if (decpt <= -4 || decpt > 16)
        {
            int exp = decpt - 1;
            string m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{m}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        if (decpt <= 0) return sign + "0." + new string('0', -decpt) + digits;
        if (decpt >= digits.Length) return sign + digits + new string('0', decpt - digits.Length) + ".0";
        return sign + digits[..decpt] + "." + digits[decpt..];
    }

    /// <summary>A double-quoted C-escaped byte string, as Python's text_format.CEscape(as_utf8=False) writes it.</summary>
    internal static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length + 2).Append('"');
        foreach (byte b in bytes)
        {
            switch (b)
            {
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\'': sb.Append("\\'"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                default:
                    if (b < 0x20 || b >= 0x7F) sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    else sb.Append((char)b);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static StringBuilder Indent(StringBuilder sb, int indent) => sb.Append(' ', indent);
}
