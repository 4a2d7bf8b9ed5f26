package dev.kiwiops.discord;

import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.reply.Tone;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's side of one acknowledged interaction. Runs on the adapter's workers, never on JDA's
 * gateway thread, so it waits for each request to complete (in order, JDA's rate limits applied).
 *
 * <p>A slash command was deferred as ephemeral or not before the core ran; its first reply edits
 * that deferred response, later ones are follow-ups. A private reply in a public response goes as
 * an ephemeral follow-up (the response says so). A click was deferred as an edit of the clicked
 * message, which the core edits through {@link #edit} once the prompt is settled; the click's
 * replies are follow-ups, errors and private ones (and any on an ephemeral message) only for the
 * clicker. Progress edits go through the hook while it lives (15 minutes), then as a regular edit
 * of the channel message.
 */
final class InteractionConversation implements Conversation {
  private static final Logger LOG = LoggerFactory.getLogger(InteractionConversation.class);

  /** What kind of interaction this conversation answers. */
  enum Kind {
    COMMAND,
    CLICK
  }

  /** A message this conversation sent or edited. */
  record Sent(long id, String channelId, boolean original, boolean ephemeral)
      implements MessageHandle {}

  private final JDA jda;
  private final InteractionHook hook;
  private final Kind kind;
  private final boolean ephemeral;
  private final String channelId;
  private final AtomicBoolean originalUsed = new AtomicBoolean();

  InteractionConversation(
      JDA jda, InteractionHook hook, Kind kind, boolean ephemeral, String channelId) {
    this.jda = jda;
    this.hook = hook;
    this.kind = kind;
    this.ephemeral = ephemeral;
    this.channelId = channelId;
  }

  @Override
  public MessageHandle send(Reply reply) {
    boolean privately = reply.isPrivate();
    if (kind == Kind.COMMAND) {
      if (!originalUsed.getAndSet(true)) {
        if (privately && !ephemeral) {
          hook.editOriginal(
                  DiscordMessages.edit(Reply.text("The answer was sent to you privately."), false))
              .complete();
          return followUp(reply, true);
        }
        Message m = hook.editOriginal(DiscordMessages.edit(reply, true)).complete();
        return new Sent(m.getIdLong(), channelId, true, ephemeral);
      }
      return followUp(reply, ephemeral || privately);
    }
    // The core edits the clicked prompt itself (through edit with the source handle).
    return followUp(reply, ephemeral || privately || reply.tone() == Tone.ERROR);
  }

  private Sent followUp(Reply reply, boolean asEphemeral) {
    Message m =
        hook.sendMessage(DiscordMessages.create(reply, true)).setEphemeral(asEphemeral).complete();
    return new Sent(m.getIdLong(), channelId, false, asEphemeral);
  }

  @Override
  public void edit(MessageHandle message, Reply reply) {
    if (!(message instanceof Sent sent)) {
      send(reply);
      return;
    }
    if (!hook.isExpired()) {
      if (sent.original()) {
        hook.editOriginal(DiscordMessages.edit(reply, true)).complete();
      } else {
        hook.editMessageById(sent.id(), DiscordMessages.edit(reply, true)).complete();
      }
      return;
    }
    MessageChannel channel = jda.getChannelById(MessageChannel.class, sent.channelId());
    if (sent.ephemeral() || channel == null) {
      // An ephemeral message can only be edited through its interaction, which has expired.
      LOG.info("cannot update message {} any more: its interaction expired", sent.id());
      return;
    }
    channel.editMessageById(sent.id(), DiscordMessages.edit(reply, true)).complete();
  }

  @Override
  public boolean canReplyPrivately() {
    // An ephemeral follow-up reaches the caller alone for as long as the interaction lives.
    return !hook.isExpired();
  }
}
