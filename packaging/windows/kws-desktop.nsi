; KWS Desktop installer (NSIS 3, Unicode). Per user, no administrator rights.
;
;   makensis /DVERSION=1.0.0 /DBUNDLE=..\..\dist\KWS-Desktop packaging\windows\kws-desktop.nsi
;
; Built by .github/workflows/windows.yml after `python dev.py bundle --smoke`. Installs the
; PyInstaller folder into %LOCALAPPDATA%\Programs\KWS Desktop, with Start-menu and desktop
; shortcuts and .kws files opening in the app. The uninstaller removes only the program's own
; files: books (Documents\KWS, or wherever the user keeps them) are never deleted.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "1.0.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\KWS-Desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\KWS-Desktop-${VERSION}-setup.exe"
!endif
!define APP "KWS Desktop"
!define EXE "KWSDesktop.exe"
!define PROGID "KWSDesktop.Buku"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\KWSDesktop"
!define ICON "..\..\resources\icons\kws-desktop.ico"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"

; The installer's own version resource (Properties > Details)
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Pemasang ${APP}"
VIAddVersionKey /LANG=0 "CompanyName" "${APP}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

LangString UninstKept ${LANG_INDONESIAN} "Program KWS Desktop sudah dihapus. Buku KWS Anda (folder Dokumen\KWS) tetap ada dan tidak dihapus."
LangString UninstKept ${LANG_ENGLISH} "KWS Desktop has been removed. Your KWS books (the Documents\KWS folder) are still there and were not deleted."

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "KWS Desktop" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an earlier version's program files go first (never anything else in the folder)
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  File "/oname=kws-desktop.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\kws-desktop.ico" 0
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\kws-desktop.ico" 0

  ; .kws books open in the app (per user: HKCU\Software\Classes)
  WriteRegStr HKCU "Software\Classes\.kws" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Buku KWS"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\kws-desktop.ico,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Settings > Apps lists it, with its version and the uninstaller
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\kws-desktop.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Only the program's own files. Books are never here by default (Documents\KWS), and a book
  ; a user saved into this folder anyway stays: the folder itself is removed only when empty.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\KWSDesktop.exe"
  Delete "$INSTDIR\kws-desktop.exe"
  Delete "$INSTDIR\kws-desktop.ico"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"

  ReadRegStr $0 HKCU "Software\Classes\.kws" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.kws"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
  IfSilent +2
    MessageBox MB_OK|MB_ICONINFORMATION "$(UninstKept)"
SectionEnd
