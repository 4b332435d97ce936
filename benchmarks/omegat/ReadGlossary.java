import java.io.File;
import java.lang.reflect.Method;
import java.util.List;
import java.util.TreeMap;

import org.omegat.core.Core;
import org.omegat.core.data.RealProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryManager;
import org.omegat.util.ProjectFileStorage;

/** Opens an OmegaT project and loads each file of its glossary folder as OmegaT's glossary
 *  manager does (its own loadGlossaryFile, which picks the reader by the file's ending),
 *  printing each entry as source TAB target TAB comment. */
public class ReadGlossary {
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        Core.initializeConsole(new TreeMap<String, String>());
        ProjectProperties props = ProjectFileStorage.loadProjectProperties(dir);
        RealProject project = new RealProject(props);
        project.loadProject(true);
        Core.setProject(project);
        GlossaryManager manager = new GlossaryManager(null);
        // as GlossaryManager.start() sets it (start() also watches the folder, which needs a GUI)
        java.lang.reflect.Field priority = GlossaryManager.class.getDeclaredField("priorityGlossary");
        priority.setAccessible(true);
        priority.set(manager, new File(props.getWriteableGlossary()));
        Method load = GlossaryManager.class.getDeclaredMethod("loadGlossaryFile", File.class);
        load.setAccessible(true);
        File[] files = new File(props.getGlossaryRoot()).listFiles();
        java.util.Arrays.sort(files);
        for (File file : files) {
            @SuppressWarnings("unchecked")
            List<GlossaryEntry> entries = (List<GlossaryEntry>) load.invoke(manager, file);
            System.out.println("FILE\t" + file.getName() + "\t" + entries.size());
            for (GlossaryEntry e : entries) {
                System.out.println("ENTRY\t" + e.getSrcText() + "\t" + e.getLocText() + "\t"
                        + e.getCommentText().replace("\n", " / "));
            }
        }
        System.exit(0);
    }
}
