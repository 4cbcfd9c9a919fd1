package dev.gillab.cli;

import dev.gillab.lesson.Catalogue;
import dev.gillab.lesson.Lesson;

/**
 * Parses {@code --lesson NN} ("1" or "01") to the catalogue's lesson, naming the lessons there are if it is not one.
 */
final class LessonConverter extends ByNameConverter<Lesson> {

    LessonConverter() {
        super(LessonConverter::byNumber);
    }

    private static Lesson byNumber(String text) {
        int number;
        try {
            number = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a lesson number; lessons are "
                    + Catalogue.all().stream().map(l -> l.info().id()).toList());
        }
        return Catalogue.byNumber(number);
    }
}
