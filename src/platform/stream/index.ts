// Public surface of the stream platform: the port, its two implementations and the factory.
export {
  assertStreamName,
  hashKey,
  jsonPayload,
  MAX_KEY_BYTES,
  MAX_PAYLOAD_BYTES,
  partitionOf,
  runConsumer,
  STREAM_NAME_PATTERN,
  type ConsumerOptions,
  type FetchOptions,
  type MessageHandler,
  type PublishAck,
  type PublishRecord,
  type RunConsumerOptions,
  type SeekTarget,
  type Stream,
  type StreamConsumer,
  type StreamMessage,
} from './stream.ts';
export { EmbeddedStream, type EmbeddedStreamOptions } from './embedded-stream.ts';
export { NatsStream, type NatsStreamOptions } from './nats-stream.ts';
export type { FsyncMode } from './partition-log.ts';
export { openStream, streamDir, type OpenStreamOptions } from './open-stream.ts';
