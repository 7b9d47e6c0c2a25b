package tms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import tms.hsm.Lmk;
import tms.hsm.LmkComponent;

/** The interactive ceremony: each custodian sees only their component, and types it back hidden. */
class LmkComponentsPromptTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void eachCustodianTypesTheirComponentHiddenAndTheLmkIsTheirXor() {
        LmkComponent first = Lmk.newComponent(RANDOM);
        LmkComponent second = Lmk.newComponent(RANDOM);
        ScriptedConsole console = new ScriptedConsole();
        console.visible.add("2");
        typeIn(console, first);
        typeIn(console, second);

        Lmk lmk = LmkComponents.typed(console);

        assertThat(lmk.checkValueHex()).isEqualTo(Lmk.fromComponents(List.of(first.value(), second.value())).checkValueHex());
        assertThat(console.hiddenPrompts).hasSize(12).allMatch(p -> p.matches("  (1|2|3|4|C|KCV): "));
        assertThat(String.join("\n", console.printed))
                .contains("Component 1 of 2 accepted: check value " + first.checkValueHex(),
                        "Component 2 of 2 accepted: check value " + second.checkValueHex(),
                        "LMK formed from 2 components: check value " + lmk.checkValueHex());
    }

    @Test
    void aMistypedGroupIsNamedAndACountOtherThanTwoOrThreeIsRefused() {
        LmkComponent component = Lmk.newComponent(RANDOM);
        ScriptedConsole console = new ScriptedConsole();
        console.visible.add("2");
        List<String> lines = lines(component);
        String line2 = lines.get(1);
        // change the first digit of group 5 (line 2, column 1)
        int at = line2.indexOf(' ', 2) + 3;  // "2:" then three spaces before the first group
        char digit = line2.charAt(at);
        lines.set(1, line2.substring(0, at) + (digit == '0' ? '1' : '0') + line2.substring(at + 1));
        lines.forEach(l -> console.hidden.add(l.toCharArray()));

        assertThatThrownBy(() -> LmkComponents.typed(console)).isInstanceOf(UserError.class)
                .hasMessageContaining("LMK component 1 of 2: group 5 (line 2, column 1) of the LMK component was mistyped");

        ScriptedConsole four = new ScriptedConsole();
        four.visible.add("4");
        assertThatThrownBy(() -> LmkComponents.typed(four)).isInstanceOf(UserError.class)
                .hasMessageContaining("must be 2 or 3, not '4'");
    }

    @Test
    void initShowsOneComponentAtATimeAndClearsTheScreenBeforeTheNextCustodian() {
        List<LmkComponent> made = List.of(Lmk.newComponent(RANDOM), Lmk.newComponent(RANDOM), Lmk.newComponent(RANDOM));
        ScriptedConsole console = new ScriptedConsole();
        for (int i = 0; i < 6; i++) {
            console.visible.add("");
        }

        LmkCommand.Init.show(made, console);

        // between two custodians' views there is always a clear
        List<String> events = console.events;
        for (int n = 0; n < 3; n++) {
            String view = "print:" + made.get(n).toText();
            int shown = events.indexOf(view);
            assertThat(shown).as("component " + (n + 1) + " shown").isGreaterThanOrEqualTo(0);
            assertThat(events.get(shown + 2)).isEqualTo("clear");
            assertThat(events.stream().filter(view::equals)).hasSize(1);
        }
    }

    private static void typeIn(ScriptedConsole console, LmkComponent component) {
        lines(component).forEach(l -> console.hidden.add(l.toCharArray()));
    }

    private static List<String> lines(LmkComponent component) {
        return new ArrayList<>(component.toText().lines().filter(l -> !l.startsWith("#")).toList());
    }

    private static final class ScriptedConsole implements CustodianConsole {
        final Deque<String> visible = new ArrayDeque<>();
        final Deque<char[]> hidden = new ArrayDeque<>();
        final List<String> printed = new ArrayList<>();
        final List<String> hiddenPrompts = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void println(String line) {
            printed.add(line);
            events.add("print:" + line);
        }

        @Override
        public String readLine(String prompt) {
            events.add("read:" + prompt);
            return visible.poll();
        }

        @Override
        public char[] readHidden(String prompt) {
            hiddenPrompts.add(prompt);
            return hidden.poll();
        }

        @Override
        public void clearScreen() {
            events.add("clear");
        }
    }
}
