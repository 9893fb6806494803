using NumSharp;

namespace GraphTrainer.Data
{
    // CS8981: lower-case names mirror the Python module and scipy type.
#pragma warning disable CS8981
    public static partial class preprocessing
    {
        /// <summary>
        /// The sparse result of <see cref="OneHotEncoder.transform"/> (scipy's <c>csr_matrix</c> in Python):
        /// each row holds one 1.0 per input column, stored as column indices.
        /// </summary>
        public sealed class csr_matrix
        {
            private readonly int _perRow;
            private readonly int[] _columns;

            internal csr_matrix(int rows, int width, int perRow, int[] columns)
            {
                shape = (rows, width);
                _perRow = perRow;
                _columns = columns;
            }

            /// <summary>(rows, columns) of the dense equivalent.</summary>
            public (int, int) shape { get; }

            /// <summary>Number of stored ones (unknown categories ignored under handle_unknown="ignore" store none).</summary>
            public int nnz => _columns.Count(c => c >= 0);

            /// <summary>The dense float64 [rows, columns] array, as scipy's <c>toarray()</c>.</summary>
            public NDArray toarray()
            {
                var (rows, width) = shape;
                var dense = new double[(long)rows * width];
                for (long r = 0; r < rows; r++)
                {
                    for (int k = 0; k < _perRow; k++)
                    {
                        int c = _columns[r * _perRow + k];
                        if (c >= 0)
                            dense[r * width + c] = 1.0;
                    }
                }
                return new NDArray(dense, new Shape(rows, width));
            }
        }
    }
}
