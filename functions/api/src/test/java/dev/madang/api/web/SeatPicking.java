package dev.madang.api.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import java.util.regex.Pattern;

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

    /** Opens the list under the map, chooses the section and row by their names, and ticks seat {@code number}. */
    static void fromList(Page page, String sectionName, String row, int number) {
        Locator list = page.locator("details.seatlist");
        if (list.getAttribute("open") == null) {
            list.locator("summary").click();
        }
        Locator section = list.getByLabel("구역", new Locator.GetByLabelOptions().setExact(true));
        String sectionOption = section.locator("option").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^" + Pattern.quote(sectionName) + " "))).first().getAttribute("value");
        section.selectOption(new SelectOption().setValue(sectionOption));
        Locator rowSelect = list.getByLabel("열", new Locator.GetByLabelOptions().setExact(true));
        String rowOption = rowSelect.locator("option").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^" + Pattern.quote(row) + "열"))).first().getAttribute("value");
        rowSelect.selectOption(new SelectOption().setValue(rowOption));
        list.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(number + "번").setExact(true)).check();
    }
}
