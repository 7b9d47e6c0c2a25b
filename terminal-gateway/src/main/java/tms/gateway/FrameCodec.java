package tms.gateway;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.MessageToMessageCodec;

import tms.iso8583.Frame;
import tms.iso8583.MessageFormatException;

/** Turns a length-delimited frame into TPDU + header + body, and a reply frame back into bytes with LEN. */
final class FrameCodec extends MessageToMessageCodec<ByteBuf, Frame> {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            out.add(Frame.parse(ByteBufUtil.getBytes(in)));
        } catch (MessageFormatException e) {
            throw new DecoderException("malformed frame: " + e.getMessage(), e);
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(frame.toBytesWithLength()));
    }
}
