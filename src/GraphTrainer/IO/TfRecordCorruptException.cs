namespace GraphTrainer.IO;

/// <summary>Which check of a TFRecord failed.</summary>
public enum TfRecordCorruption
{
    /// <summary>The masked CRC-32C of the 8 length bytes does not match.</summary>
    LengthCrc,

    /// <summary>The masked CRC-32C of the record data does not match.</summary>
    DataCrc,

    /// <summary>The file ends inside a record (header, data or data CRC).</summary>
    Truncated,

    /// <summary>The length field is larger than a record can be.</summary>
    LengthTooLarge,

    /// <summary>The record's framing and CRCs are intact but its payload is not the expected protocol buffer.</summary>
    InvalidPayload,
}

/// <summary>
/// A TFRecord file failed a framing check. Carries the byte offset of the record's start
/// so the damaged spot can be located, and which check failed.
/// </summary>
public sealed class TfRecordCorruptException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">File path or stream description, for the message.</param>
    /// <param name="recordOffset">Byte offset of the start of the bad record.</param>
    /// <param name="kind">Which check failed.</param>
    /// <param name="detail">Extra detail (expected/actual values).</param>
    public TfRecordCorruptException(string source, long recordOffset, TfRecordCorruption kind, string detail)
        : base($"Corrupt TFRecord in {source} at offset {recordOffset}: {Describe(kind)}. {detail}")
    {
        Source = source;
        RecordOffset = recordOffset;
        Kind = kind;
    }

    /// <summary>File path or stream description given to the reader.</summary>
    public new string Source { get; }

    /// <summary>Byte offset where the bad record starts.</summary>
    public long RecordOffset { get; }

    /// <summary>Which check failed.</summary>
    public TfRecordCorruption Kind { get; }

    private static string Describe(TfRecordCorruption kind) => kind switch
    {
        TfRecordCorruption.LengthCrc => "length CRC mismatch",
        TfRecordCorruption.DataCrc => "data CRC mismatch",
        TfRecordCorruption.Truncated => "truncated record",
        TfRecordCorruption.LengthTooLarge => "record length too large",
        TfRecordCorruption.InvalidPayload => "record payload is not a valid protocol buffer",
        _ => kind.ToString(),
    };
}
