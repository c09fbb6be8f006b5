package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;


/** How a fan picks seats on the map without a mouse: the keyboard on the map, or the list beneath it. */
final class SeatPicking {

    private SeatPicking() {
    }

    /** Focuses the map by keyboard, then presses {@code keys} in order (e.g. "Enter", "ArrowRight", "Enter"). */
    static void withKeyboard(Page page, String... keys) {
        Locator map = page.locator("canvas[tabindex='0']");
        map.focus();
        for (String key : keys) {
            page.keyboard().press(key);
        }
    }

    /** Opens the list under the map and chooses the section and row by their names. */
    static void openRow(Page page, String sectionName, String row) {
        Locator list = page.locator("details.seatlist");
        if (list.getAttribute("open") == null) {
            list.locator("summary").click();
        }
        Locator section = list.getByLabel("구역", new Locator.GetByLabelOptions().setExact(true));
        section.selectOption(new SelectOption().setValue(optionStartingWith(section, sectionName + " ")));
        Locator rowSelect = list.getByLabel("열", new Locator.GetByLabelOptions().setExact(true));
        rowSelect.selectOption(new SelectOption().setValue(optionStartingWith(rowSelect, row + "열")));
    }

    /** Seat {@code number}'s checkbox in the row the list shows (a taken seat's name goes on: "12번 선택 불가"). */
    static Locator seatInOpenRow(Page page, int number) {
        return page.locator("details.seatlist").getByRole(AriaRole.CHECKBOX,
                new Locator.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^" + number + "번")));
    }

    /** The value of the select's option whose text starts with {@code text} (options carry counts after the name). */
    private static String optionStartingWith(Locator select, String text) {
        Object value = select.evaluate("(select, text) => [...select.options]"
                + ".find(o => o.textContent.trim().startsWith(text))?.value ?? null", text);
        if (value == null) {
            throw new AssertionError("no option starting with '" + text + "' in " + select.innerText());
        }
        return value.toString();
    }
}
