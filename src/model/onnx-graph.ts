/** A small ONNX graph builder (nodes, float32 initializers, one input and one output) on npm
 *  `onnx-proto`'s generated schema (protobufjs). Knows nothing about EfficientNet. */
import onnxProto from 'onnx-proto';
import { sizeOfShape } from './model-json';

const { onnx } = onnxProto;

/** ONNX IR version 8 (ONNX 1.10–1.12), the schema `onnx-proto` 8 was generated from; opset 17
 *  is ONNX 1.12's default domain. */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

/** A graph input or output; a dimension is a fixed size or a symbolic name (e.g. the batch). */
interface GraphIO {
  name: string;
  dims: (number | string)[];
}

export class OnnxGraphBuilder {
  /** The nodes so far, in graph order. */
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly names = new Set<string>();

  /** A float32 constant (weights, normalisation). `values` are copied as little-endian bytes. */
  initializer(name: string, dims: number[], values: Float32Array): string {
    if (values.length !== sizeOfShape(dims)) throw new Error(`ONNX initializer ${name}: ${values.length} values for [${dims.join(',')}]`);
    this.claim(name);
    const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes }));
    return name;
  }

  /** Adds a node with one output named `output` (unique); returns that name. Integer lists and
   *  integers become INTS/INT attributes, other numbers FLOAT. */
  node(opType: string, inputs: string[], output: string, attributes: Record<string, number | number[]> = {}): string {
    this.claim(output);
    const attribute = Object.entries(attributes).map(([name, v]) =>
      Array.isArray(v)
        ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v })
        : Number.isInteger(v)
          ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v })
          : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f: v }),
    );
    this.nodes.push(onnx.NodeProto.create({ opType, name: output, input: inputs, output: [output], attribute }));
    return output;
  }

  /** Serialises the model. `input`/`output` must name a graph input and a node output. */
  encode(graphName: string, input: GraphIO, output: GraphIO, docString: string): Uint8Array {
    this.claim(input.name);
    if (!this.names.has(output.name)) throw new Error(`ONNX output ${output.name} is produced by no node`);
    const model = onnx.ModelProto.create({
      irVersion: ONNX_IR_VERSION,
      opsetImport: [{ domain: '', version: ONNX_OPSET }],
      producerName: 'efficientnet-phi-lab',
      docString,
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: [valueInfo(input)],
        output: [valueInfo(output)],
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private claim(name: string) {
    if (this.names.has(name)) throw new Error(`ONNX name ${name} used twice`);
    this.names.add(name);
  }
}

function valueInfo(io: GraphIO) {
  const dim = io.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return onnx.ValueInfoProto.create({
    name: io.name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } },
  });
}

/** TF conv kernel [kh, kw, in, out] → ONNX Conv weight [out, in, kh, kw]. A depthwise kernel
 *  [kh, kw, C, 1] comes out as [1, C, kh, kw], byte-identical to the grouped [C, 1, kh, kw]. */
export function hwioToOihw(values: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        const src = ((y * kw + x) * cin + i) * cout;
        for (let o = 0; o < cout; o++) out[((o * cin + i) * kh + y) * kw + x] = values[src + o];
      }
    }
  }
  return out;
}
