// FFmpeg (libavcodec/libavformat/libswscale) behind VideoEncoder: RGBA frames -> BT.709 yuv420p
// -> libx264 -> MP4 with the index at the front (+faststart), all on one worker thread.
#include "video/VideoEncoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>

#include "core/Error.h"

namespace tb::video {

namespace {

std::string avError(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(code, text, sizeof text);
  return text;
}

constexpr int kMaxSide = 16384;

}  // namespace

void checkVideoSize(int width, int height) {
  if (width < 2 || height < 2 || width > kMaxSide || height > kMaxSide)
    throw Error("--size", fmt::format("{}x{} cannot be encoded: each side must be 2..{} pixels", width, height, kMaxSide));
  if (width % 2 != 0 || height % 2 != 0)
    throw Error("--size", fmt::format("{}x{} cannot be encoded: H.264 in yuv420p needs even width and height "
                                      "(try {}x{})", width, height, width + width % 2, height + height % 2));
}

struct VideoEncoder::Codec {
  AVFormatContext* format = nullptr;
  AVStream* stream = nullptr;
  AVCodecContext* encoder = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  SwsContext* scaler = nullptr;
  std::string path;  // for messages: the final name the user asked for
  std::int64_t nextPts = 0;

  ~Codec() {
    sws_freeContext(scaler);
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&encoder);
    if (format) {
      if (format->pb) avio_closep(&format->pb);
      avformat_free_context(format);
    }
  }

  void check(int code, const char* what) const {
    if (code < 0) throw Error(path, fmt::format("{}: {}", what, avError(code)), kExitInternal);
  }

  void open(const std::string& tempPath, const VideoOptions& o) {
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (!codec) throw Error(path, "this FFmpeg has no libx264 encoder", kExitInternal);
    check(avformat_alloc_output_context2(&format, nullptr, "mp4", tempPath.c_str()), "cannot set up the MP4 muxer");
    stream = avformat_new_stream(format, nullptr);
    encoder = avcodec_alloc_context3(codec);
    frame = av_frame_alloc();
    packet = av_packet_alloc();
    if (!stream || !encoder || !frame || !packet) throw Error(path, "out of memory setting up FFmpeg", kExitInternal);

    encoder->width = o.width;
    encoder->height = o.height;
    encoder->pix_fmt = AV_PIX_FMT_YUV420P;
    encoder->time_base = AVRational{1, o.fps};
    encoder->framerate = AVRational{o.fps, 1};
    encoder->gop_size = std::max(1, o.fps * 2);  // a key frame every 2 s: players seek quickly
    encoder->thread_count = o.encoderThreads;
    // Rendered frames are sRGB; tag them as BT.709 (HD) video, limited range, as players expect.
    encoder->color_range = AVCOL_RANGE_MPEG;
    encoder->colorspace = AVCOL_SPC_BT709;
    encoder->color_primaries = AVCOL_PRI_BT709;
    encoder->color_trc = AVCOL_TRC_BT709;
    if (format->oformat->flags & AVFMT_GLOBALHEADER) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary* codecOptions = nullptr;
    av_dict_set(&codecOptions, "preset", o.preset.c_str(), 0);
    av_dict_set(&codecOptions, "crf", std::to_string(o.crf).c_str(), 0);
    const int opened = avcodec_open2(encoder, codec, &codecOptions);
    av_dict_free(&codecOptions);
    check(opened, "cannot open the libx264 encoder");
    check(avcodec_parameters_from_context(stream->codecpar, encoder), "cannot describe the video stream");
    stream->time_base = encoder->time_base;
    stream->avg_frame_rate = encoder->framerate;
    for (const auto& [key, value] : o.metadata) av_dict_set(&format->metadata, key.c_str(), value.c_str(), 0);

    const int io = avio_open(&format->pb, tempPath.c_str(), AVIO_FLAG_WRITE);
    if (io < 0) throw Error(path, "cannot write: " + avError(io));
    AVDictionary* muxOptions = nullptr;
    av_dict_set(&muxOptions, "movflags", "+faststart", 0);  // index first: plays while downloading
    const int header = avformat_write_header(format, &muxOptions);
    av_dict_free(&muxOptions);
    check(header, "cannot write the MP4 header");

    frame->format = encoder->pix_fmt;
    frame->width = o.width;
    frame->height = o.height;
    check(av_frame_get_buffer(frame, 0), "cannot allocate a video frame");
    scaler = sws_getContext(o.width, o.height, AV_PIX_FMT_RGBA, o.width, o.height, AV_PIX_FMT_YUV420P,
                            SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!scaler) throw Error(path, "cannot set up the RGBA to yuv420p conversion", kExitInternal);
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(scaler, bt709, 1 /*full-range RGB*/, bt709, 0 /*limited-range YUV*/, 0, 1 << 16, 1 << 16);
  }

  // Sends one frame (nullptr: end of stream) and writes every packet the encoder has ready.
  void encode(const AVFrame* f) {
    check(avcodec_send_frame(encoder, f), "libx264 refused a frame");
    for (;;) {
      const int got = avcodec_receive_packet(encoder, packet);
      if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
      check(got, "libx264 failed");
      av_packet_rescale_ts(packet, encoder->time_base, stream->time_base);
      packet->stream_index = stream->index;
      const int written = av_interleaved_write_frame(format, packet);  // takes the packet's data
      if (written < 0) throw Error(path, "cannot write video data: " + avError(written));
    }
  }

  void encodeImage(const ImageRGBA& image) {
    if (image.width != encoder->width || image.height != encoder->height)
      throw internalError(path, fmt::format("frame is {}x{}, the video {}x{}", image.width, image.height,
                                            encoder->width, encoder->height));
    check(av_frame_make_writable(frame), "cannot reuse the video frame");
    const std::uint8_t* src[1] = {image.pixels.data()};
    const int srcStride[1] = {image.width * 4};
    sws_scale(scaler, src, srcStride, 0, image.height, frame->data, frame->linesize);
    frame->pts = nextPts++;
    encode(frame);
  }

  void finish() {
    encode(nullptr);
    check(av_write_trailer(format), "cannot finish the MP4 file");
    check(avio_closep(&format->pb), "cannot close the MP4 file");
  }
};

VideoEncoder::VideoEncoder(const std::string& path, const VideoOptions& options)
    : options_(options), file_(path), queue_(options.queueFrames) {
  checkVideoSize(options_.width, options_.height);
  if (options_.fps < 1 || options_.fps > 240)
    throw Error("--fps", fmt::format("{} frames per second is out of range 1..240", options_.fps));
  av_log_set_level(AV_LOG_ERROR);  // FFmpeg's chatter would break the one-line contract
  codec_ = std::make_unique<Codec>();
  codec_->path = path;
  codec_->open(file_.tempPath(), options_);
  thread_ = std::thread([this] { run(); });
}

VideoEncoder::~VideoEncoder() {
  if (thread_.joinable()) {
    abort_ = true;
    queue_.close();
    thread_.join();
  }
  codec_.reset();  // closes the temporary file; file_ then removes it unless committed
}

void VideoEncoder::run() {
  // Encoding should fill the gaps rendering leaves (single-threaded CPU work between draws), not
  // take cores from the rasteriser: on Linux, nice is per thread.
  if (options_.lowerPriority) ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
  try {
    while (std::optional<ImageRGBA> frame = queue_.pop()) {
      if (abort_) continue;  // drain without encoding
      codec_->encodeImage(*frame);
      const std::int64_t n = ++encoded_;
      if (options_.onEncoded) options_.onEncoded(n);
    }
    if (!abort_) codec_->finish();
  } catch (...) {
    std::lock_guard lock(failureMutex_);
    failure_ = std::current_exception();
    queue_.close();  // unblocks a producer waiting for room
  }
}

void VideoEncoder::rethrowFailure() {
  std::lock_guard lock(failureMutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void VideoEncoder::push(ImageRGBA frame) {
  if (finished_) throw internalError(file_.finalPath(), "push() after finish()");
  if (!queue_.push(std::move(frame))) {
    rethrowFailure();
    throw internalError(file_.finalPath(), "the encoder stopped unexpectedly");
  }
}

void VideoEncoder::finish() {
  if (finished_) return;
  queue_.close();
  thread_.join();
  rethrowFailure();
  file_.commit();
  finished_ = true;
}

}  // namespace tb::video
