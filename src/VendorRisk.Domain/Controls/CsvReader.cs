using System.Text;

namespace VendorRisk.Domain.Controls;

/// <summary>
/// A minimal RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF).
/// The domain stays free of package dependencies, and the catalogue files are small and trusted,
/// but malformed input still fails with the line number rather than producing shifted columns.
/// </summary>
public static class CsvReader
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var quoteLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var afterClosingQuote = false;
        var rowHasContent = false;

        void EndField()
        {
            row.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
            afterClosingQuote = false;
        }

        void EndRow()
        {
            EndField();
            rows.Add(row);
            row = [];
            rowHasContent = false;
        }

        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    EndField();
                    rowHasContent = true;
                    break;
                case '\r':
                    if (reader.Peek() != '\n')
                    {
                        throw new FormatException($"Line {line}: a carriage return must be followed by a line feed.");
                    }

                    break;
                case '\n':
                    if (rowHasContent || field.Length > 0 || fieldWasQuoted || row.Count > 0)
                    {
                        EndRow();
                    }

                    line++;
                    break;
                case '"':
                    if (field.Length > 0 || fieldWasQuoted)
                    {
                        throw new FormatException($"Line {line}: a quote may only open a field.");
                    }

                    inQuotes = true;
                    quoteLine = line;
                    fieldWasQuoted = true;
                    rowHasContent = true;
                    break;
                default:
                    if (afterClosingQuote)
                    {
                        throw new FormatException($"Line {line}: unexpected character after a closing quote.");
                    }

                    field.Append(ch);
                    rowHasContent = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new FormatException($"Line {quoteLine}: a quoted field is not closed.");
        }

        if (rowHasContent || field.Length > 0 || row.Count > 0)
        {
            EndRow();
        }

        return rows;
    }

    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        using var reader = new StringReader(text);
        return Parse(reader);
    }
}
